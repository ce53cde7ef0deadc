import { describe, expect, it } from 'vitest';
import { UnsupportedTemplateError } from '../../../local/assembly/index.js';
import { type ReferenceTargets, resolveValue } from '../../../local/assembly/resolve.js';

const targets: ReferenceTargets = {
  ref: (id) => ({ OutboxTable: 'run-outbox-table', 'AWS::Region': 'us-east-1' })[id],
  getAtt: (id, attribute) => (id === 'Lb' && attribute === 'DNSName' ? 'localhost:8081' : undefined),
};

describe('resolveValue', () => {
  it('evaluates Ref, GetAtt, Join and Sub against the local resources', () => {
    expect(resolveValue({ Ref: 'OutboxTable' }, targets, 'X')).toBe('run-outbox-table');
    expect(
      resolveValue({ 'Fn::Join': ['', ['http://', { 'Fn::GetAtt': ['Lb', 'DNSName'] }]] }, targets, 'X'),
    ).toBe('http://localhost:8081');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub's own ${} syntax, not a template literal
    expect(resolveValue({ 'Fn::Sub': '${OutboxTable}@${AWS::Region}/${Lb.DNSName}' }, targets, 'X')).toBe(
      'run-outbox-table@us-east-1/localhost:8081',
    );
  });

  it('throws naming where a reference without a local equivalent was found', () => {
    const resolve = () => resolveValue({ Ref: 'Secret' }, targets, 'Fn environment EVENTLINE_X');

    expect(resolve).toThrow(UnsupportedTemplateError);
    expect(resolve).toThrow(/Fn environment EVENTLINE_X: .*no local equivalent \(Ref Secret\)/);
    expect(() => resolveValue({ 'Fn::ImportValue': 'x' }, targets, 'Y')).toThrow(/uses Fn::ImportValue/);
  });
});
