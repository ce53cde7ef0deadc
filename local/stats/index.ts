/** `eventline stats`: consumer lag in records and in time, DLQ records per topic, group and reason. */
export { type CollectStatsOptions, collectStats, type StatsReport } from './collect.js';
export { formatStats } from './format.js';
export { type GroupTopicLag, lagFigures, type PartitionPosition, positionKey } from './lag-figures.js';
export { groupPositions, type PositionsOptions } from './positions.js';
export { type RecordPosition, recordTimestamps } from './record-timestamps.js';
