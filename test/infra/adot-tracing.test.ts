import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { resolveEnvironment } from '../../infra/config/index.js';
import { adotLayerArnContextKey } from '../../infra/constructs/adot-layer.js';
import { EventlineStack } from '../../infra/stacks/eventline-stack.js';
import { cdkJsonEnvironments, templateFor } from './support/synth.js';

type Fn = {
  Properties: {
    Layers?: unknown[];
    Environment?: { Variables?: Record<string, unknown> };
    TracingConfig?: { Mode?: string };
  };
};

/** The functions the ADOT layer wraps, keyed by the service name they export spans under. */
function tracedFunctions(template: Template): Map<string, Fn> {
  const functions = Object.values(template.findResources('AWS::Lambda::Function')) as Fn[];
  const traced = new Map<string, Fn>();
  for (const fn of functions) {
    const name = fn.Properties.Environment?.Variables?.OTEL_SERVICE_NAME;
    if (typeof name === 'string') traced.set(name, fn);
  }
  return traced;
}

describe('ADOT tracing in the template', () => {
  it('wraps the relay and every consumer with the ADOT JavaScript layer of the stack region, exporting OpenTelemetry spans', () => {
    const template = templateFor();
    const traced = tracedFunctions(template);

    expect([...traced.keys()].sort()).toEqual(['eventline-outbox-relay', 'fulfilment', 'order-projection']);
    for (const fn of traced.values()) {
      // The CDK's table of ADOT layers: eu-west-1, arm64, the version pinned in adot-layer.ts.
      expect(fn.Properties.Layers).toEqual([
        'arn:aws:lambda:eu-west-1:901920570463:layer:aws-otel-nodejs-arm64-ver-1-30-1:1',
      ]);
      expect(fn.Properties.Environment?.Variables).toMatchObject({
        AWS_LAMBDA_EXEC_WRAPPER: '/opt/otel-handler',
        OTEL_PROPAGATORS: 'tracecontext,xray',
      });
      // The layer's wrapper registers the one global provider: nothing asks setupTracing for another.
      expect(fn.Properties.Environment?.Variables).not.toHaveProperty(EnvNames.traceFile);
      // X-Ray active tracing stays on: Lambda's invocation segment is the parent of the layer's span.
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('takes the layer ARN from the eventline:adotLayerArn context key when given', () => {
    const arn = 'arn:aws:lambda:eu-west-1:111122223333:layer:my-otel-nodejs-arm64:7';
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], [adotLayerArnContextKey]: arn } });
    const stack = new EventlineStack(app, 'Eventline-dev', {
      config: resolveEnvironment('dev', cdkJsonEnvironments().dev ?? {}),
      env: { account: '123456789012', region: 'eu-west-1' },
    });

    const traced = tracedFunctions(Template.fromStack(stack));

    expect(traced.size).toBe(3);
    for (const fn of traced.values()) expect(fn.Properties.Layers).toEqual([arn]);
  });
});
