import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** CloudWatch accepts only certain retention periods; picks the shortest one that keeps `days`. */
export function logRetentionFor(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays)
    .filter((value): value is RetentionDays => typeof value === 'number' && value > 0)
    .sort((a, b) => a - b);
  return allowed.find((value) => value >= days) ?? RetentionDays.INFINITE;
}
