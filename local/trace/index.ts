/** `eventline trace`: one event's journey through the local pipeline or a deployed stack. */
export { type AwsTraceClients, awsLookups } from './aws-lookups.js';
export { EventNotFoundError, TraceError } from './errors.js';
export { followEvent } from './journey.js';
export { localLookups } from './local-lookups.js';
export { defaultSpanFile, localTraceSources, type TraceSources } from './sources.js';
export { readSpanFile } from './span-file.js';
export { type StackTraceSources, stackTraceSources, TraceOutputKeys } from './stack-sources.js';
export { renderTimeline } from './timeline.js';
export { type FoundRecord, scanTopics } from './topic-scan.js';
export {
  type ClaimItem,
  type ConsumerOutcome,
  ConsumerOutcomes,
  type ConsumerSummary,
  type Hop,
  type HopKind,
  HopKinds,
  type Journey,
  type TraceLookups,
} from './types.js';
export { spansFromXRay, xrayTraceId } from './xray-spans.js';
