import { describe, expect, it } from 'vitest';
import { RegistryServiceError } from '../../../registry/errors.js';
import {
  carryForward,
  contractKey,
  identityWithContract,
  parseDataContract,
} from '../../../registry/service/data-contract.js';

const rule = { name: 'encrypt-PII', type: 'ENCRYPT', tags: ['PII'], params: { b: '2', a: '1' } };

function refusal(body: Record<string, unknown>): RegistryServiceError {
  try {
    parseDataContract(body);
  } catch (error) {
    if (error instanceof RegistryServiceError) return error;
  }
  throw new Error('expected a refusal');
}

describe('Data contract parsing', () => {
  it('keeps maps and sets sorted and fills rule defaults, as Confluent entities do', () => {
    const contract = parseDataContract({
      metadata: { tags: { email: ['PII', 'CONFIDENTIAL', 'PII'] }, properties: { z: '1', a: '2' } },
      ruleSet: { domainRules: [rule] },
    });

    expect(JSON.stringify(contract.metadata)).toBe(
      JSON.stringify({ tags: { email: ['CONFIDENTIAL', 'PII'] }, properties: { a: '2', z: '1' } }),
    );
    expect(contract.ruleSet?.domainRules?.[0]).toEqual({
      name: 'encrypt-PII',
      kind: 'TRANSFORM',
      mode: 'WRITEREAD',
      type: 'ENCRYPT',
      tags: ['PII'],
      params: { a: '1', b: '2' },
      disabled: false,
    });
  });

  it('treats null and absent parts as not given, so a schema without a contract keeps its identity', () => {
    const contract = parseDataContract({ metadata: null });

    expect(contract).toEqual({});
    expect(contractKey(contract)).toBe('');
    expect(identityWithContract('abc', contract)).toBe('abc');
    expect(identityWithContract('abc', parseDataContract({ metadata: {} }))).not.toBe('abc');
  });

  it('takes only the parts a request leaves out from the previous version', () => {
    const previous = parseDataContract({
      metadata: { properties: { a: '1' } },
      ruleSet: { domainRules: [rule] },
    });
    const own = parseDataContract({ metadata: { properties: { b: '2' } } });

    expect(carryForward(own, previous)).toEqual({ metadata: own.metadata, ruleSet: previous.ruleSet });
    expect(carryForward(own, undefined)).toEqual(own);
  });

  it('refuses rule sets Confluent refuses, with 42210', () => {
    const cases = [
      { ruleSet: { domainRules: [rule, rule] } },
      { ruleSet: { migrationRules: [{ ...rule, mode: 'READ' }] } },
      { ruleSet: { encodingRules: [{ ...rule, mode: 'UPGRADE' }] } },
      { ruleSet: { domainRules: [{ ...rule, mode: 'WRITE', onFailure: 'ERROR,NONE' }] } },
      { ruleSet: { domainRules: [{ ...rule, name: '9lives' }] } },
      { ruleSet: { domainRules: [{ name: 'untyped' }] } },
    ];
    for (const body of cases) expect(refusal(body).errorCode, JSON.stringify(body)).toBe(42210);
    expect(refusal({ metadata: { tags: { email: 'PII' } } }).errorCode).toBe(42201);
  });
});
