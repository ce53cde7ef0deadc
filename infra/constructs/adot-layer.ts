import {
  AdotLambdaExecWrapper,
  AdotLambdaLayerJavaScriptSdkVersion,
  type Function as LambdaFunction,
  LayerVersion,
} from 'aws-cdk-lib/aws-lambda';

/**
 * Context key of an ADOT layer ARN to use instead of the pinned version's, e.g. for a region
 * the CDK's table of ADOT layers does not list yet, or to try a newer layer before the pin moves.
 */
export const adotLayerArnContextKey = 'eventline:adotLayerArn';

/**
 * The AWS Distro for OpenTelemetry JavaScript layer (with its embedded collector exporting to
 * X-Ray). Its ARN per region and architecture comes from the CDK's region table: a literal
 * ARN for a stack with a region, a CloudFormation mapping on the region otherwise.
 */
export const adotJavaScriptLayer = AdotLambdaLayerJavaScriptSdkVersion.V1_30_0;

/**
 * The layer's wrapper registers the global OpenTelemetry tracer provider before the handler
 * loads; the functions' spans (functions/lib/tracing) go through the API to it, so a consumer
 * span lands in X-Ray as a child of the span its record's `traceparent` names.
 */
export function addAdotLayer(fn: LambdaFunction, serviceName: string): void {
  const override = fn.node.tryGetContext(adotLayerArnContextKey) as string | undefined;
  const arn = override ?? adotJavaScriptLayer.layerArn(fn.stack, fn.architecture);
  fn.addLayers(LayerVersion.fromLayerVersionArn(fn, 'AdotLayer', arn));
  fn.addEnvironment('AWS_LAMBDA_EXEC_WRAPPER', AdotLambdaExecWrapper.REGULAR_HANDLER);
  fn.addEnvironment('OTEL_SERVICE_NAME', serviceName);
  // W3C context for the spans Eventline parents itself; X-Ray's for the invocation span Lambda starts.
  fn.addEnvironment('OTEL_PROPAGATORS', 'tracecontext,xray');
}
