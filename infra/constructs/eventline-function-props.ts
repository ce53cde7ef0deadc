import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';

export interface EventlineFunctionProps {
  /** Handler file relative to the repository root; it must export `handler`. */
  readonly entry: string;
  /** One-line purpose, shown in the console. */
  readonly description: string;
  readonly vpc: IVpc;
  readonly vpcSubnets: SubnetSelection;
  readonly securityGroups: readonly ISecurityGroup[];
  /** @default 512 */
  readonly memorySize?: number;
  /** @default Duration.seconds(60) */
  readonly timeout?: Duration;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** What happens to the log group when the stack goes. @default RemovalPolicy.DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** @default - unreserved */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Exports the function's OpenTelemetry spans to X-Ray through the ADOT Lambda layer, under this
   * service name (`OTEL_SERVICE_NAME`). Given to the functions that start Eventline's spans.
   * @default - no layer: X-Ray active tracing only
   */
  readonly openTelemetryServiceName?: string;
}
