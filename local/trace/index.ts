/** `eventline trace`: one event's journey through the local pipeline or a deployed stack. */
export { type AwsTraceClients, awsLookups } from './aws-lookups.js';
export { EventNotFoundError, MissingIndexError, TraceError } from './errors.js';
export { DEFAULT_WINDOW_MS, type FollowOptions, followEvent } from './journey.js';
export { localLookups } from './local-lookups.js';
export { type OutboxLookupOptions, outboxLookups } from './outbox-lookups.js';
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
  type RecordPosition,
  type RecordWindow,
  type TraceLookups,
} from './types.js';
export { spansFromXRay, xrayTraceId } from './xray-spans.js';
