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
} as const;

export type EnvName = (typeof EnvNames)[keyof typeof EnvNames];
