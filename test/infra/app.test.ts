import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EventlineStack } from '../../infra/stacks/eventline-stack.js';

describe('Eventline app', () => {
  it('synthesizes offline', () => {
    const app = new App();
    const stack = new EventlineStack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });

    const template = Template.fromStack(stack).toJSON();

    expect(template).toBeTypeOf('object');
    expect(app.synth().stacks.map((s) => s.stackName)).toEqual(['Test']);
  });
});
