import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { EnvironmentConfigError, loadEnvironments } from '../config/index.js';
import { EventlineStack } from '../stacks/eventline-stack.js';

/** Every environment of cdk.json becomes one stack, `Eventline-<name>`, checked by cdk-nag at synth. */
const app = new App();
for (const config of loadEnvironments(app)) {
  const region = config.region ?? process.env.CDK_DEFAULT_REGION ?? process.env.AWS_REGION;
  // The registry's load balancer logs to S3, which needs a concrete region at synth time.
  if (!region) {
    throw new EnvironmentConfigError(
      `environment "${config.name}": set "region" in cdk.json or AWS_REGION / a default profile region`,
    );
  }
  new EventlineStack(app, `Eventline-${config.name}`, {
    config,
    env: { account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT, region },
  });
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
