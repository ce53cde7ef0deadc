import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { loadEnvironments } from '../../infra/config/index.js';
import { environmentsContextKey } from '../../infra/config/load.js';
import { EventlineStack } from '../../infra/stacks/eventline-stack.js';
import { cdkJsonEnvironments } from './support/synth.js';

/** Every stack the app builds from cdk.json, synthesized offline without bundling. */
function synthApp(): { app: App; stacks: EventlineStack[] } {
  const app = new App({
    context: { [environmentsContextKey]: cdkJsonEnvironments(), 'aws:cdk:bundling-stacks': [] },
  });
  const stacks = loadEnvironments(app).map(
    (config) =>
      new EventlineStack(app, `Eventline-${config.name}`, {
        config,
        env: { account: '123456789012', region: 'eu-west-1' },
      }),
  );
  app.synth();
  return { app, stacks };
}

describe('Eventline app', () => {
  const { app, stacks } = synthApp();

  it('synthesizes one stack per cdk.json environment, offline', () => {
    const names = app.synth().stacks.map((stack) => stack.stackName);

    expect(names.sort()).toEqual(
      Object.keys(cdkJsonEnvironments())
        .map((name) => `Eventline-${name}`)
        .sort(),
    );
  });

  it.each([
    ['AwsSolutions', () => new AwsSolutionsChecks()],
    ['Serverless', () => new ServerlessChecks()],
  ])('leaves no unacknowledged %s finding on any stack', (_pack, makePack) => {
    const findings = stacks.flatMap((stack) =>
      makePack()
        .validateScope(stack)
        .violations.flatMap((violation) =>
          violation.violatingResources.map(
            (resource) => `${violation.ruleName} at ${resource.constructPath}`,
          ),
        ),
    );

    expect(findings).toEqual([]);
  });
});
