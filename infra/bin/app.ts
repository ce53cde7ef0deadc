import { App } from 'aws-cdk-lib';
import { EventlineStack } from '../stacks/eventline-stack.js';

const app = new App();
new EventlineStack(app, 'Eventline-dev', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
app.synth();
