import { createHash } from 'node:crypto';
import {
  type RuleMode,
  RuleModes,
  type SchemaMetadata,
  type SchemaRule,
  type SchemaRuleSet,
} from '../../functions/lib/registry/data-contract.js';
import { fail } from '../errors.js';

/**
 * Confluent's `metadata` and `ruleSet` on a schema version, read from a request into the form
 * Confluent keeps: maps and sets sorted (its entities use SortedMap/SortedSet), rule kind and
 * mode defaulted, so that two requests that mean the same contract compare equal.
 */
export interface DataContract {
  readonly metadata?: SchemaMetadata;
  readonly ruleSet?: SchemaRuleSet;
}

const ruleLists = ['migrationRules', 'domainRules', 'encodingRules'] as const;
const migrationModes = new Set<string>([RuleModes.upgrade, RuleModes.downgrade, RuleModes.updown]);
const domainModes = new Set<string>([RuleModes.write, RuleModes.read, RuleModes.writeRead]);
const modes = new Set<string>(Object.values(RuleModes));
/** Confluent's Rule.NAME_MAX_LENGTH. */
const ruleNameMaxLength = 256;

/** Reads `metadata` and `ruleSet` from a register or lookup body; null or absent is "not given". */
export function parseDataContract(body: Record<string, unknown>): DataContract {
  return {
    ...(body.metadata == null ? {} : { metadata: parseMetadata(body.metadata) }),
    ...(body.ruleSet == null ? {} : { ruleSet: parseRuleSet(body.ruleSet) }),
  };
}

/** One key for the contract, appended to a schema's identity; empty without a contract, so older ids keep theirs. */
export function contractKey(contract: DataContract): string {
  if (contract.metadata === undefined && contract.ruleSet === undefined) return '';
  return JSON.stringify([contract.metadata ?? null, contract.ruleSet ?? null]);
}

function parseMetadata(value: unknown): SchemaMetadata {
  const body = object(value, 'metadata');
  const tags = body.tags == null ? {} : object(body.tags, 'metadata.tags');
  const properties = body.properties == null ? {} : object(body.properties, 'metadata.properties');
  const sensitive = body.sensitive == null ? [] : strings(body.sensitive, 'metadata.sensitive');
  const tagMap = Object.entries(tags).map(([path, list]): [string, string[]] => [
    path,
    sortedSet(strings(list, `metadata.tags.${path}`)),
  ]);
  // Confluent leaves empty parts out of its answers (NON_EMPTY); keeping them out here too makes equal contracts equal.
  return {
    ...nonEmpty('tags', sortedRecord(Object.fromEntries(tagMap))),
    ...nonEmpty('properties', sortedRecord(stringRecord(properties, 'metadata.properties'))),
    ...nonEmpty('sensitive', sortedSet(sensitive)),
  };
}

function parseRuleSet(value: unknown): SchemaRuleSet {
  const body = object(value, 'ruleSet');
  const names = new Set<string>();
  const out: Record<string, SchemaRule[]> = {};
  for (const list of ruleLists) {
    if (body[list] == null) continue;
    const raw = body[list];
    if (!Array.isArray(raw)) throw fail.invalidRuleSet(`"ruleSet.${list}" must be an array`);
    out[list] = raw.map((item) => {
      const rule = parseRule(item);
      if (names.has(rule.name)) throw fail.invalidRuleSet(`Found rule with duplicate name '${rule.name}'`);
      names.add(rule.name);
      const allowed = list === 'migrationRules' ? migrationModes : domainModes;
      if (!allowed.has(rule.mode as string)) {
        throw fail.invalidRuleSet(
          list === 'migrationRules'
            ? 'Migration rules can only be UPGRADE, DOWNGRADE, UPDOWN'
            : `${list === 'domainRules' ? 'Domain' : 'Encoding'} rules can only be WRITE, READ, WRITEREAD`,
        );
      }
      return rule;
    });
    if (out[list].length === 0) delete out[list];
  }
  return out;
}

/** Confluent's Rule constructor defaults and Rule.validate checks. */
function parseRule(value: unknown): SchemaRule & { readonly mode: RuleMode } {
  const rule = object(value, 'rule');
  const name = rule.name;
  if (typeof name !== 'string') throw fail.invalidRuleSet('Missing rule name');
  if (name.length === 0) throw fail.invalidRuleSet('Empty rule name');
  if (name.length > ruleNameMaxLength) throw fail.invalidRuleSet('Rule name too long');
  if (!/^[\p{L}_][\p{L}\p{N}_-]*$/u.test(name))
    throw fail.invalidRuleSet(`Illegal character in rule name: ${name}`);
  if (typeof rule.type !== 'string') throw fail.invalidRuleSet(`Missing rule type (rule ${name})`);
  const kind = optionalString(rule.kind, 'kind') ?? 'TRANSFORM';
  if (kind !== 'TRANSFORM' && kind !== 'CONDITION') {
    throw fail.invalidRuleSet(`rule ${name}: kind must be TRANSFORM or CONDITION`);
  }
  const mode = optionalString(rule.mode, 'mode') ?? RuleModes.writeRead;
  if (!modes.has(mode)) throw fail.invalidRuleSet(`rule ${name}: unknown mode ${mode}`);
  const onSuccess = optionalString(rule.onSuccess, 'onSuccess');
  const onFailure = optionalString(rule.onFailure, 'onFailure');
  const multiple = mode !== RuleModes.writeRead && mode !== RuleModes.updown;
  if (multiple && [onSuccess, onFailure].some((action) => action?.includes(','))) {
    throw fail.invalidRuleSet('Multiple actions only valid with WRITEREAD and UPDOWN');
  }
  if (rule.disabled != null && typeof rule.disabled !== 'boolean') {
    throw fail.invalidRuleSet(`rule ${name}: "disabled" must be true or false`);
  }
  const doc = optionalString(rule.doc, 'doc');
  const expr = optionalString(rule.expr, 'expr');
  return {
    name,
    ...(doc === undefined ? {} : { doc }),
    kind,
    mode: mode as RuleMode,
    type: rule.type,
    ...nonEmpty('tags', sortedSet(rule.tags == null ? [] : strings(rule.tags, `rule ${name} tags`))),
    ...nonEmpty(
      'params',
      sortedRecord(
        rule.params == null ? {} : stringRecord(object(rule.params, `rule ${name} params`), 'params'),
      ),
    ),
    ...(expr === undefined ? {} : { expr }),
    ...(onSuccess === undefined ? {} : { onSuccess }),
    ...(onFailure === undefined ? {} : { onFailure }),
    disabled: rule.disabled === true,
  };
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail.invalidSchema(`"${what}" must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function strings(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw fail.invalidSchema(`"${what}" must be an array of strings`);
  }
  return value as string[];
}

function stringRecord(value: Record<string, unknown>, what: string): Record<string, string> {
  if (Object.values(value).some((item) => typeof item !== 'string')) {
    throw fail.invalidSchema(`"${what}" values must be strings`);
  }
  return value as Record<string, string>;
}

function optionalString(value: unknown, what: string): string | undefined {
  if (value == null) return undefined;
  if (typeof value !== 'string') throw fail.invalidRuleSet(`rule "${what}" must be a string`);
  return value;
}

function nonEmpty<K extends string, V extends object>(key: K, value: V): { [P in K]?: V } {
  return Object.keys(value).length === 0 ? {} : ({ [key]: value } as { [P in K]?: V });
}

function sortedSet(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The content identity behind an id: the schema's, extended by the contract when there is one (Confluent's MD5 covers both). */
export function identityWithContract(identity: string, contract: DataContract): string {
  const key = contractKey(contract);
  return key === ''
    ? identity
    : createHash('sha256').update(identity).update('\u0000').update(key).digest('hex');
}

/**
 * Confluent's `maybeSetMetadataRuleSet` without config defaults and overrides: a part the request
 * leaves out is taken from the subject's latest version, so registering a new schema keeps the rules.
 */
export function carryForward<T extends DataContract>(request: T, previous: DataContract | undefined): T {
  if (previous === undefined) return request;
  const metadata = request.metadata ?? previous.metadata;
  const ruleSet = request.ruleSet ?? previous.ruleSet;
  return {
    ...request,
    ...(metadata === undefined ? {} : { metadata }),
    ...(ruleSet === undefined ? {} : { ruleSet }),
  };
}
