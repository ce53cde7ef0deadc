import { CloudFormationClient, CreateStackCommand, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { PutTraceSegmentsCommand, XRayClient } from '@aws-sdk/client-xray';
import { SpanStatusCode } from '@opentelemetry/api';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import type { SpanLine } from '../../../functions/lib/tracing/index.js';
import { localAwsConfig } from '../../../local/stack/config.js';
import { stackEnv } from '../../../local/stack/env.js';
import { xrayTraceId } from '../../../local/trace/index.js';

/** moto stands in for CloudFormation and X-Ray: the deployed stack's outputs and its traces. */
const moto = stackEnv()[EnvNames.awsEndpoint] as string;

/** The attribute the test indexes, as the collector's `indexed_attributes` would. */
const INDEXED = 'eventline.event_id';

/**
 * A span as the ADOT collector's awsxray exporter sends it (exporter/awsxrayexporter
 * translator/segment.go): a subsegment when it has a parent, epoch seconds, fault for an ERROR
 * status, indexed attributes as annotations with dots turned to underscores, the rest under
 * `metadata.default`, links by trace and span id. Written here because moto only stores what it is sent.
 */
export function segmentDocument(span: SpanLine): string {
  const { [INDEXED]: indexed, ...metadata } = span.attributes;
  return JSON.stringify({
    id: span.spanId,
    trace_id: xrayTraceId(span.traceId),
    ...(span.parentSpanId ? { parent_id: span.parentSpanId, type: 'subsegment' } : {}),
    name: span.name,
    start_time: span.startUs / 1e6,
    end_time: (span.startUs + span.durationUs) / 1e6,
    fault: span.status === SpanStatusCode.ERROR,
    error: false,
    ...(indexed !== undefined ? { annotations: { [INDEXED.replaceAll('.', '_')]: indexed } } : {}),
    metadata: { default: metadata },
    links: span.links.map((link) => ({ trace_id: xrayTraceId(link.traceId), id: link.spanId })),
  });
}

/** Sends the spans to moto's X-Ray as the collector would, one document per span. */
export async function putSpans(spans: readonly SpanLine[]): Promise<void> {
  const xray = new XRayClient(localAwsConfig(moto));
  try {
    const answer = await xray.send(
      new PutTraceSegmentsCommand({ TraceSegmentDocuments: spans.map(segmentDocument) }),
    );
    if (answer.UnprocessedTraceSegments?.length) {
      throw new Error(`X-Ray refused segments: ${JSON.stringify(answer.UnprocessedTraceSegments)}`);
    }
  } finally {
    xray.destroy();
  }
}

/** A stack in moto's CloudFormation with these outputs (and one queue: a stack needs a resource). */
export async function createStack(name: string, outputs: Readonly<Record<string, string>>): Promise<void> {
  const cloudFormation = new CloudFormationClient(localAwsConfig(moto));
  try {
    const template = {
      Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: `${name}-queue` } } },
      Outputs: Object.fromEntries(Object.entries(outputs).map(([key, value]) => [key, { Value: value }])),
    };
    await cloudFormation.send(
      new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template) }),
    );
  } finally {
    cloudFormation.destroy();
  }
}

export async function deleteStack(name: string): Promise<void> {
  const cloudFormation = new CloudFormationClient(localAwsConfig(moto));
  try {
    await cloudFormation.send(new DeleteStackCommand({ StackName: name }));
  } finally {
    cloudFormation.destroy();
  }
}

/**
 * What a user's shell gives the CLI in AWS, pointed at the local stack: the SDK's per-service
 * endpoint variables (CloudFormation and X-Ray on moto, DynamoDB on DynamoDB Local).
 */
export function deployedStackEnv(): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_CLOUDFORMATION: moto,
    AWS_ENDPOINT_URL_XRAY: moto,
    AWS_ENDPOINT_URL_DYNAMODB: stackEnv()[EnvNames.dynamodbEndpoint] as string,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
}
