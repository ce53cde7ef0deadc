import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type EnvironmentConfig, resolveEnvironment } from '../../../infra/config/index.js';
import { environmentsContextKey } from '../../../infra/config/load.js';
import { projectRoot } from '../../../infra/paths.js';
import { EventlineStack } from '../../../infra/stacks/eventline-stack.js';

/** The `eventline:environments` block of the real cdk.json. */
export function cdkJsonEnvironments(): Record<string, Record<string, unknown>> {
  const cdkJson = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, Record<string, Record<string, unknown>>>;
  };
  const environments = cdkJson.context[environmentsContextKey];
  if (!environments) throw new Error(`cdk.json has no ${environmentsContextKey}`);
  return environments;
}

export interface SynthOptions {
  /** Run esbuild for every function (slow); by default bundling is skipped. @default false */
  readonly bundle?: boolean;
  /** Overrides merged over the cdk.json `dev` environment. */
  readonly overrides?: Record<string, unknown>;
  /** Environment name from cdk.json. @default 'dev' */
  readonly environment?: string;
  /** Cloud assembly folder. @default - a temporary folder */
  readonly outdir?: string;
}

/** One EventlineStack for an environment of cdk.json, synthesized offline. */
export function synthStack(options: SynthOptions = {}): {
  app: App;
  stack: EventlineStack;
  config: EnvironmentConfig;
} {
  const name = options.environment ?? 'dev';
  const raw = { ...(cdkJsonEnvironments()[name] ?? {}), ...(options.overrides ?? {}) };
  const config = resolveEnvironment(name, raw);
  // An empty bundling-stacks list tells NodejsFunction to skip esbuild and stage a dummy asset.
  const app = new App({
    context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const stack = new EventlineStack(app, `Eventline-${name}`, {
    config,
    env: { account: '123456789012', region: 'eu-west-1' },
  });
  return { app, stack, config };
}

const templates = new Map<string, Template>();

/** The template of a synthesized stack, cached per environment and overrides (synthesis is the slow part). */
export function templateFor(options: SynthOptions = {}): Template {
  const key = JSON.stringify([
    options.environment ?? 'dev',
    options.overrides ?? {},
    options.bundle ?? false,
  ]);
  let template = templates.get(key);
  if (!template) {
    template = Template.fromStack(synthStack(options).stack);
    templates.set(key, template);
  }
  return template;
}
