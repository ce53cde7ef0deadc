/**
 * Every environment variable Eventline reads, in one place. Infra sets them with these
 * names and handlers read them with these names, so the two cannot drift apart.
 */
export const EnvNames = {
  /** Kafka bootstrap servers override (`host:port,...`); skips MSK GetBootstrapBrokers. */
  kafkaBrokers: 'EVENTLINE_KAFKA_BROKERS',
  /** DynamoDB endpoint override (local stack); unset in AWS. */
  dynamodbEndpoint: 'EVENTLINE_DYNAMODB_ENDPOINT',
  /** Glue endpoint override (moto locally); unset in AWS. */
  glueEndpoint: 'EVENTLINE_GLUE_ENDPOINT',
  /** Endpoint for the other AWS APIs the local stack emulates with moto (MSK, SQS, SNS). */
  awsEndpoint: 'EVENTLINE_AWS_ENDPOINT',
  /** Apicurio's Confluent-compatible API: the reference registry of the local stack. */
  apicurioUrl: 'EVENTLINE_APICURIO_URL',
  /** Eventline's own registry service (Confluent API over Glue). */
  registryUrl: 'EVENTLINE_REGISTRY_URL',
  /** ARN of the MSK cluster (provisioned or serverless); bootstrap brokers are looked up from it. */
  mskClusterArn: 'EVENTLINE_MSK_CLUSTER_ARN',
  /** Name of the DynamoDB outbox table. */
  outboxTableName: 'EVENTLINE_OUTBOX_TABLE',
  /** Name of a consumer's DynamoDB idempotency table. */
  idempotencyTableName: 'EVENTLINE_IDEMPOTENCY_TABLE',
  /** The consumer group a consumer function belongs to (idempotency scope, DLQ header). */
  consumerGroup: 'EVENTLINE_CONSUMER_GROUP',
  /** Name of the deployment's AWS Glue schema registry. */
  glueRegistryName: 'EVENTLINE_GLUE_REGISTRY',
  /** Which registry a function talks to: `confluent` (the registry service) or `glue` (Glue directly). */
  registryKind: 'EVENTLINE_REGISTRY_KIND',
  /** Secrets Manager secret holding `{ username, password }` for the registry service's basic auth. */
  registryCredentialsSecretArn: 'EVENTLINE_REGISTRY_SECRET_ARN',
  /** Address the registry service listens on (port: registryPort). */
  registryHost: 'EVENTLINE_REGISTRY_HOST',
  /** Registry service admin users as JSON `{ "user": "password" }` (local use; AWS uses the principals' secrets). */
  registryUsers: 'EVENTLINE_REGISTRY_USERS',
  /** Registry service principals document as JSON `{ "principals": [{ username, password, role, subjectPrefixes }] }`. */
  registryPrincipals: 'EVENTLINE_REGISTRY_PRINCIPALS',
  /** Path of a registry service principals document (the local stack's default principals file). */
  registryPrincipalsFile: 'EVENTLINE_REGISTRY_PRINCIPALS_FILE',
  /** JSON list of Secrets Manager secret ARNs, each holding one registry principal (AWS). */
  registryPrincipalSecretArns: 'EVENTLINE_REGISTRY_PRINCIPAL_SECRETS',
  /** JSON-lines file the registry service appends its audit trail to (local stack). */
  registryAuditFile: 'EVENTLINE_REGISTRY_AUDIT_FILE',
  /** CloudWatch Logs group the registry service writes its audit trail to (AWS). */
  registryAuditLogGroup: 'EVENTLINE_REGISTRY_AUDIT_LOG_GROUP',
  /** `true`: the registry service creates its Glue registry and DynamoDB table when absent (local stack). */
  registryCreateResources: 'EVENTLINE_REGISTRY_CREATE_RESOURCES',
  /** Folder holding manifest.json and the schema files (bundled beside a Lambda's code). */
  schemasDir: 'EVENTLINE_SCHEMAS_DIR',
  /** DynamoDB table of the registry service (Confluent ids, config, mode). */
  registryTableName: 'EVENTLINE_REGISTRY_TABLE',
  /** DynamoDB table of the registry service's DEK registry (KEKs and DEKs); without it the service has no DEK registry. */
  dekTableName: 'EVENTLINE_DEK_TABLE',
  /**
   * The KMS key ARN of each manifest KEK the function may use, as JSON `{ "<kek>": "<arn>" }`
   * (field-level encryption's `kmsKeyIds`); only the KEKs the function was granted.
   */
  kekKeyArns: 'EVENTLINE_KEK_KEY_ARNS',
  /**
   * Confluent DEK registry (`/dek-registry/v1`) base URL, when the schema registry has none
   * (Apicurio, Glue); unset: the registry service at EVENTLINE_REGISTRY_URL serves it.
   */
  dekRegistryUrl: 'EVENTLINE_DEK_REGISTRY_URL',
  /** Port the registry service listens on. */
  registryPort: 'EVENTLINE_REGISTRY_PORT',
  /** DynamoDB table of the order read model (example consumer order-projection). */
  orderReadModelTableName: 'EVENTLINE_ORDER_READ_MODEL_TABLE',
  /** DynamoDB table of fulfilment requests (example consumer fulfilment). */
  fulfilmentTableName: 'EVENTLINE_FULFILMENT_TABLE',
  /** How functions authenticate to Kafka: `iam` (MSK IAM, the default with a cluster ARN) or `plaintext`. */
  kafkaAuth: 'EVENTLINE_KAFKA_AUTH',
  /** The broker's max.message.bytes as the relay checks it before producing (default Kafka's 1048588). */
  kafkaMaxMessageBytes: 'EVENTLINE_KAFKA_MAX_MESSAGE_BYTES',
  /** SQS queue URL where the outbox relay puts records that can never be relayed. */
  relayFailureQueueUrl: 'EVENTLINE_RELAY_FAILURE_QUEUE_URL',
  /** `off` turns Eventline's spans off (the `traceparent` header is still carried); on otherwise. */
  tracing: 'EVENTLINE_TRACING',
  /** Local runs: JSON-lines file the spans are exported to (e.g. `.eventline/traces/spans.jsonl`). */
  traceFile: 'EVENTLINE_TRACE_FILE',
} as const;

export type EnvName = (typeof EnvNames)[keyof typeof EnvNames];
