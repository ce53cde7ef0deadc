import { describe, expect, it } from 'vitest';
import { SmokeOutputKeys } from '../../local/smoke/index.js';
import { templateFor } from './support/synth.js';

describe('EventlineStack outputs for eventline smoke', () => {
  it('names every table the smoke test writes and reads, each a table of the stack', () => {
    const template = templateFor();
    const outputs = template.findOutputs('*');
    const tables = template.findResources('AWS::DynamoDB::GlobalTable');

    for (const key of Object.values(SmokeOutputKeys)) {
      const value = outputs[key]?.Value as { Ref?: string } | undefined;
      expect(value?.Ref, `output ${key}`).toBeDefined();
      expect(Object.keys(tables)).toContain(value?.Ref);
    }
  });
});
