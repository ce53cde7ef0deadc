import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { ManagedPolicy, type Role } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { type EnvName, EnvNames } from '../../functions/lib/config/env-names.js';
import { acknowledgeResource } from '../nag.js';
import { fromRoot, projectRoot } from '../paths.js';
import { addAdotLayer } from './adot-layer.js';
import type { EventlineFunctionProps } from './eventline-function-props.js';

/** Where bundling puts schemas/ beside the handler code (/var/task is the Lambda code root). */
export const bundledSchemasDir = '/var/task/schemas';

/**
 * Every Eventline Lambda: Node 22 on ARM64, ESM bundle with source maps, X-Ray tracing,
 * JSON logs with bounded retention, in the VPC, with schemas/ bundled beside the code.
 * Environment variables are set only through `bindEnv`, typed by EnvNames, so infra and
 * handlers cannot disagree on a name.
 */
export class EventlineFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: EventlineFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: fromRoot(props.entry),
      handler: 'handler',
      description: props.description,
      projectRoot,
      depsLockFilePath: fromRoot('package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(60),
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      securityGroups: [...props.securityGroups],
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      environment: { NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        minify: true,
        // Errors set their name from their class (new.target.name), and DLQ routing and Lambda's
        // errorType read it: minified class names would turn schema-not-found into deserialization.
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        // Bundle the AWS SDK too: the versions we test against, not whatever the runtime ships.
        externalModules: [],
        // kafkajs and other CommonJS dependencies call require() on Node built-ins.
        banner:
          "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_input: string, output: string) => [
            `cp -R "${fromRoot('schemas')}" "${output}/schemas"`,
          ],
        },
      },
    });
    this.bindEnv(EnvNames.schemasDir, bundledSchemasDir);
    if (props.openTelemetryServiceName) addAdotLayer(this, props.openTelemetryServiceName);
    // Active tracing through the AWS managed X-Ray policy rather than `tracing`, which writes
    // a `Resource: *` statement into the role's default policy: acknowledging that would also
    // let any later `*` grant to the function pass cdk-nag unseen.
    (this.node.defaultChild as CfnFunction).tracingConfig = { mode: Tracing.ACTIVE };
    const role = this.role as Role;
    role.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName('AWSXRayDaemonWriteAccess'));
    acknowledgeResource(role, {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        'AWS managed basic execution policy: lets the function write to its own log streams, nothing else',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]':
        'AWS managed VPC access policy: the ENI actions a function in a VPC needs; EC2 offers no resource scoping for them',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSXRayDaemonWriteAccess]':
        'AWS managed X-Ray write policy (active tracing): PutTraceSegments and PutTelemetryRecords accept no resource scoping',
    });
    acknowledgeResource(this, {
      'AwsSolutions-L1':
        'Node.js 22 is the runtime Eventline targets and tests locally (package.json engines); raise it together with the toolchain',
      'Serverless-LambdaLatestVersion':
        'Node.js 22 is the runtime Eventline targets and tests locally (package.json engines); raise it together with the toolchain',
    });
  }

  /** Sets one Eventline environment variable; the name can only come from EnvNames. */
  bindEnv(name: EnvName, value: string): this {
    this.addEnvironment(name, value);
    return this;
  }
}
