import { RemovalPolicy } from 'aws-cdk-lib';
import { Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { acknowledgeResource, nagFindingId } from '../nag.js';
import type { EventlineFunction } from './eventline-function.js';
import type { KafkaConsumerProps } from './kafka-consumer-props.js';
import { keysFromDefinition } from './table-keys.js';

/**
 * A consumer's own tables and its outbox binding, declared through its props so adding a
 * consumer with state is one construct instance: the table, its grant and its variable together.
 */
export function bindConsumerState(
  scope: Construct,
  fn: EventlineFunction,
  props: Pick<KafkaConsumerProps, 'stateTables' | 'outboxTable' | 'removalPolicy'>,
): TableV2[] {
  const tables = (props.stateTables ?? []).map((state) => {
    const table = new TableV2(scope, state.id, {
      ...keysFromDefinition(state.definition),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
    table.grantReadWriteData(fn);
    fn.bindEnv(state.env, table.tableName);
    return table;
  });
  if (props.outboxTable) {
    props.outboxTable.grantWriteData(fn);
    fn.bindEnv(EnvNames.outboxTableName, props.outboxTable.tableName);
    const policy = fn.role?.node.tryFindChild('DefaultPolicy');
    if (policy) {
      acknowledgeResource(policy, {
        [nagFindingId('AwsSolutions-IAM5', 'Resource', `${props.outboxTable.tableArn}/index/*`, scope)]:
          "The outbox table's own indexes (the trace's, KEYS_ONLY), which the table grant names with the table; the function only writes items",
      });
    }
  }
  return tables;
}
