/** The one error model of the project (docs/architecture.md §5): the base error and how AWS SDK errors are recognised. */
export { type AwsServiceError, findAwsError, isAwsError } from './aws-error.js';
export { EventlineError, type EventlineErrorOptions } from './eventline-error.js';
