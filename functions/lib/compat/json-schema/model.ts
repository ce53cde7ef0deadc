import { InvalidSchemaError } from '../errors.js';

/** What every JSON Schema node carries, whatever its kind. */
interface NodeBase {
  /** Canonical text, so equal subschemas of a combined schema collapse as Confluent's sets do. */
  readonly key: string;
  readonly id?: unknown;
  readonly title?: unknown;
  readonly description?: unknown;
  readonly defaultValue?: unknown;
  readonly hasDefault: boolean;
}

export interface ObjectNode extends NodeBase {
  readonly kind: 'object';
  readonly properties: ReadonlyMap<string, JsonNode>;
  readonly required: ReadonlySet<string>;
  /** false when `additionalProperties: false`. */
  readonly permitsAdditional: boolean;
  /** The schema of `additionalProperties` when it is one (`{}` included, as everit loads it). */
  readonly additionalSchema?: JsonNode;
  readonly patternProperties: readonly (readonly [RegExp, JsonNode])[];
  readonly unevaluated?: JsonNode;
  readonly propertyDependencies: ReadonlyMap<string, readonly string[]>;
  readonly schemaDependencies: ReadonlyMap<string, JsonNode>;
  readonly minProperties?: number;
  readonly maxProperties?: number;
}

export interface ArrayNode extends NodeBase {
  readonly kind: 'array';
  /** `items` as one schema for every item. */
  readonly allItems?: JsonNode;
  /** `items` as a list (tuple validation), or `prefixItems`. */
  readonly itemList: readonly JsonNode[];
  readonly permitsAdditional: boolean;
  readonly additionalSchema?: JsonNode;
  readonly unevaluated?: JsonNode;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems: boolean;
  readonly minContains?: number;
  readonly maxContains?: number;
}

export interface StringNode extends NodeBase {
  readonly kind: 'string';
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

export interface NumberNode extends NodeBase {
  readonly kind: 'number';
  readonly integer: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
}

export interface CombinedNode extends NodeBase {
  readonly kind: 'combined';
  readonly criterion: 'allOf' | 'anyOf' | 'oneOf';
  readonly subschemas: readonly JsonNode[];
}

export interface RefNode extends NodeBase {
  readonly kind: 'ref';
  readonly ref: string;
  resolve(): JsonNode;
}

export type JsonNode =
  | ObjectNode
  | ArrayNode
  | StringNode
  | NumberNode
  | CombinedNode
  | RefNode
  | (NodeBase & { readonly kind: 'enum'; readonly values: readonly unknown[] })
  | (NodeBase & { readonly kind: 'const'; readonly value: unknown })
  | (NodeBase & { readonly kind: 'not'; readonly schema: JsonNode })
  | (NodeBase & { readonly kind: 'boolean' | 'null' | 'empty' | 'true' | 'false' });

type Raw = Record<string, unknown>;

const objectKeywords = [
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'minProperties',
  'maxProperties',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'propertyNames',
  'unevaluatedProperties',
];
const arrayKeywords = [
  'items',
  'prefixItems',
  'additionalItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'unevaluatedItems',
];
const stringKeywords = ['minLength', 'maxLength', 'pattern', 'format'];
const numberKeywords = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];

/** A JSON Schema text plus the schemas it references, by the name its `$ref`s use. */
export interface JsonSchemaSource {
  readonly definition: string;
  readonly references?: readonly { readonly name: string; readonly definition: string }[];
}

/** Canonical JSON: keys sorted, so key order never makes two schemas differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Raw).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidSchemaError(`${what} is not JSON: ${(error as Error).message}`, { cause: error });
  }
}

function numberOf(raw: Raw, keyword: string): number | undefined {
  const value = raw[keyword];
  return typeof value === 'number' ? value : undefined;
}

/**
 * Loads a JSON Schema into the node kinds Confluent's diff compares (those of the everit
 * library it uses): one kind per schema, a synthetic `allOf` where keywords of several kinds
 * meet, a `type` list as an `anyOf`, `$ref`s resolved lazily so recursive schemas load.
 */
export function loadJsonSchema(source: JsonSchemaSource): JsonNode {
  const documents = new Map<string, unknown>();
  for (const reference of source.references ?? []) {
    documents.set(reference.name, parseJson(reference.definition, `reference ${reference.name}`));
  }
  const root = parseJson(source.definition, 'the schema');
  documents.set('', root);
  const resolved = new Map<string, JsonNode>();

  const pointer = (document: unknown, fragment: string, ref: string): unknown => {
    let target = document;
    for (const token of fragment.split('/').filter((t) => t !== '')) {
      const key = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
      if (typeof target !== 'object' || target === null || !(key in target)) {
        throw new InvalidSchemaError(`unresolved $ref '${ref}'`);
      }
      target = (target as Raw)[key];
    }
    return target;
  };

  const resolveRef = (ref: string, documentName: string): JsonNode => {
    const hash = ref.indexOf('#');
    const name = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    const targetDocument = name === '' ? documentName : name;
    const cacheKey = `${targetDocument}#${fragment}`;
    const cached = resolved.get(cacheKey);
    if (cached) return cached;
    if (!documents.has(targetDocument)) {
      throw new InvalidSchemaError(`unresolved $ref '${ref}': no reference named '${targetDocument}'`);
    }
    const node = load(pointer(documents.get(targetDocument), fragment, ref), targetDocument);
    resolved.set(cacheKey, node);
    return node;
  };

  const load = (raw: unknown, documentName: string): JsonNode => {
    if (raw === true) return { kind: 'true', key: 'true', hasDefault: false };
    if (raw === false) return { kind: 'false', key: 'false', hasDefault: false };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new InvalidSchemaError(`a JSON Schema is an object or a boolean, not ${canonical(raw)}`);
    }
    const schema = raw as Raw;
    const base: NodeBase = {
      key: canonical(schema),
      id: schema.$id ?? schema.id,
      title: schema.title,
      description: schema.description,
      defaultValue: schema.default,
      hasDefault: Object.hasOwn(schema, 'default'),
    };
    const child = (value: unknown) => load(value, documentName);
    if (typeof schema.$ref === 'string') {
      const ref = schema.$ref;
      return { ...base, kind: 'ref', ref, resolve: () => resolveRef(ref, documentName) };
    }
    const parts: JsonNode[] = [];
    const types =
      typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : [];
    const typed = (type: string): JsonNode => typedNode(type, schema, base, child);
    if (types.length === 1) parts.push(typed(String(types[0])));
    else if (types.length > 1) {
      parts.push({
        ...base,
        kind: 'combined',
        criterion: 'anyOf',
        subschemas: types.map((type) => ({ ...typed(String(type)), key: canonical({ ...schema, type }) })),
      });
    } else {
      const has = (keywords: readonly string[]) => keywords.some((k) => Object.hasOwn(schema, k));
      if (has(objectKeywords)) parts.push(typed('object'));
      if (has(arrayKeywords)) parts.push(typed('array'));
      if (has(stringKeywords)) parts.push(typed('string'));
      if (has(numberKeywords)) parts.push(typed('number'));
    }
    if (Array.isArray(schema.enum)) parts.push({ ...base, kind: 'enum', values: schema.enum });
    if (Object.hasOwn(schema, 'const')) parts.push({ ...base, kind: 'const', value: schema.const });
    if (schema.not !== undefined) parts.push({ ...base, kind: 'not', schema: child(schema.not) });
    for (const criterion of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = schema[criterion];
      if (Array.isArray(list))
        parts.push({ ...base, kind: 'combined', criterion, subschemas: list.map(child) });
    }
    if (parts.length === 0) return { ...base, kind: 'empty' };
    if (parts.length === 1) return parts[0] as JsonNode;
    // The parts share one text; tell them apart so the synthetic allOf keeps them all.
    const subschemas = parts.map((part) => ({
      ...part,
      key: `${part.kind}:${part.kind === 'combined' ? part.criterion : ''}:${part.key}`,
    }));
    return { ...base, kind: 'combined', criterion: 'allOf', subschemas };
  };

  return load(root, '');
}

function typedNode(type: string, schema: Raw, base: NodeBase, child: (raw: unknown) => JsonNode): JsonNode {
  switch (type) {
    case 'object':
      return objectNode(schema, base, child);
    case 'array':
      return arrayNode(schema, base, child);
    case 'string':
      return {
        ...base,
        kind: 'string',
        minLength: numberOf(schema, 'minLength'),
        maxLength: numberOf(schema, 'maxLength'),
        pattern: typeof schema.pattern === 'string' ? schema.pattern : undefined,
      };
    case 'number':
    case 'integer':
      return {
        ...base,
        kind: 'number',
        integer: type === 'integer',
        minimum: numberOf(schema, 'minimum'),
        maximum: numberOf(schema, 'maximum'),
        exclusiveMinimum: numberOf(schema, 'exclusiveMinimum'),
        exclusiveMaximum: numberOf(schema, 'exclusiveMaximum'),
        multipleOf: numberOf(schema, 'multipleOf'),
      };
    case 'boolean':
    case 'null':
      return { ...base, kind: type };
    default:
      throw new InvalidSchemaError(`unknown JSON Schema type '${type}'`);
  }
}

function objectNode(schema: Raw, base: NodeBase, child: (raw: unknown) => JsonNode): ObjectNode {
  const properties = new Map(Object.entries((schema.properties ?? {}) as Raw).map(([k, v]) => [k, child(v)]));
  const additional = schema.additionalProperties;
  const propertyDependencies = new Map<string, readonly string[]>();
  const schemaDependencies = new Map<string, JsonNode>();
  const dependencies = {
    ...((schema.dependencies ?? {}) as Raw),
    ...((schema.dependentRequired ?? {}) as Raw),
  };
  for (const [name, value] of Object.entries(dependencies)) {
    if (Array.isArray(value)) propertyDependencies.set(name, value.map(String));
    else schemaDependencies.set(name, child(value));
  }
  for (const [name, value] of Object.entries((schema.dependentSchemas ?? {}) as Raw)) {
    schemaDependencies.set(name, child(value));
  }
  return {
    ...base,
    kind: 'object',
    properties,
    required: new Set(Array.isArray(schema.required) ? schema.required.map(String) : []),
    permitsAdditional: additional !== false,
    additionalSchema: typeof additional === 'object' && additional !== null ? child(additional) : undefined,
    patternProperties: Object.entries((schema.patternProperties ?? {}) as Raw).map(
      ([pattern, value]) => [new RegExp(pattern, 'u'), child(value)] as const,
    ),
    unevaluated: schema.unevaluatedProperties === undefined ? undefined : child(schema.unevaluatedProperties),
    propertyDependencies,
    schemaDependencies,
    minProperties: numberOf(schema, 'minProperties'),
    maxProperties: numberOf(schema, 'maxProperties'),
  };
}

function arrayNode(schema: Raw, base: NodeBase, child: (raw: unknown) => JsonNode): ArrayNode {
  // 2020-12 spells tuples `prefixItems` with `items` for the rest; earlier drafts `items` [] and `additionalItems`.
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : undefined;
  const items = schema.items;
  const additional = prefix ? items : schema.additionalItems;
  const tuple = prefix ?? (Array.isArray(items) ? items : undefined);
  return {
    ...base,
    kind: 'array',
    allItems: tuple === undefined && items !== undefined ? child(items) : undefined,
    itemList: (tuple ?? []).map(child),
    permitsAdditional: tuple === undefined || additional !== false,
    additionalSchema:
      tuple !== undefined && typeof additional === 'object' && additional !== null
        ? child(additional)
        : undefined,
    unevaluated: schema.unevaluatedItems === undefined ? undefined : child(schema.unevaluatedItems),
    minItems: numberOf(schema, 'minItems'),
    maxItems: numberOf(schema, 'maxItems'),
    uniqueItems: schema.uniqueItems === true,
    minContains: numberOf(schema, 'minContains'),
    maxContains: numberOf(schema, 'maxContains'),
  };
}
