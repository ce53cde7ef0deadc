import type avro from 'avsc';

/** One reason a reader schema cannot read data written with a writer schema. */
export interface ReadIssue {
  /** Where in the reader schema, e.g. `Order.customer.email`. */
  readonly path: string;
  readonly message: string;
}

type AnyType = avro.Type & {
  readonly typeName: string;
  readonly name?: string;
  readonly aliases?: readonly string[];
};
interface FieldLike {
  readonly name: string;
  readonly type: AnyType;
  readonly aliases: readonly string[];
  defaultValue(): unknown;
}

/** Avro's primitive promotions: a writer type on the left may be read as any type on the right. */
const promotions: Readonly<Record<string, readonly string[]>> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

/** Union branch kinds are reported by this name in messages. */
function describe(type: AnyType): string {
  return type.name ?? baseName(type.typeName);
}

function baseName(typeName: string): string {
  if (typeName.startsWith('union')) return 'union';
  if (typeName.startsWith('logical:')) return typeName.slice('logical:'.length);
  return typeName;
}

function kind(type: AnyType): string {
  const name = baseName(type.typeName);
  return name === 'error' ? 'record' : name;
}

function shortName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

/** Named types match by full name, by unqualified name, or by a reader alias (Avro spec). */
function namesMatch(reader: AnyType, writer: AnyType): boolean {
  if (!reader.name || !writer.name) return true;
  if (reader.name === writer.name || shortName(reader.name) === shortName(writer.name)) return true;
  return (reader.aliases ?? []).some(
    (alias) => alias === writer.name || shortName(alias) === shortName(writer.name as string),
  );
}

function fields(type: AnyType): readonly FieldLike[] {
  return (type as unknown as { fields: FieldLike[] }).fields;
}

function hasDefault(field: FieldLike): boolean {
  return Object.hasOwn(field, 'defaultValue');
}

/**
 * Lists why `reader` cannot read everything `writer` can write, following the Avro
 * specification's schema resolution rules (the rules Confluent's and Glue's checkers apply).
 * An empty list means compatible.
 */
export function readIssues(reader: avro.Type, writer: avro.Type): ReadIssue[] {
  const issues: ReadIssue[] = [];
  visit(reader as AnyType, writer as AnyType, describe(reader as AnyType), issues, new Set());
  return issues;
}

function visit(reader: AnyType, writer: AnyType, path: string, issues: ReadIssue[], seen: Set<string>): void {
  const writerKind = kind(writer);
  const readerKind = kind(reader);
  if (writerKind === 'union') {
    // Every branch the writer may have written must be readable.
    for (const branch of (writer as unknown as { types: AnyType[] }).types) {
      visit(reader, branch, path, issues, seen);
    }
    return;
  }
  if (readerKind === 'union') {
    const branches = (reader as unknown as { types: AnyType[] }).types;
    const fits = branches.some((branch) => {
      const trial: ReadIssue[] = [];
      visit(branch, writer, path, trial, new Set(seen));
      return trial.length === 0;
    });
    if (!fits) {
      issues.push({
        path,
        message: `reader union [${branches.map(describe).join(', ')}] has no branch for writer type ${describe(writer)}`,
      });
    }
    return;
  }
  if (readerKind !== writerKind) {
    if (!(promotions[writerKind] ?? []).includes(readerKind)) {
      issues.push({
        path,
        message: `reader type ${describe(reader)} cannot read writer type ${describe(writer)}`,
      });
    }
    return;
  }
  if (readerKind === 'record') visitRecord(reader, writer, path, issues, seen);
  else if (readerKind === 'enum') visitEnum(reader, writer, path, issues);
  else if (readerKind === 'fixed') visitFixed(reader, writer, path, issues);
  else if (readerKind === 'array') {
    const items = (type: AnyType) => (type as unknown as { itemsType: AnyType }).itemsType;
    visit(items(reader), items(writer), `${path}[]`, issues, seen);
  } else if (readerKind === 'map') {
    const values = (type: AnyType) => (type as unknown as { valuesType: AnyType }).valuesType;
    visit(values(reader), values(writer), `${path}{}`, issues, seen);
  }
}

function visitRecord(
  reader: AnyType,
  writer: AnyType,
  path: string,
  issues: ReadIssue[],
  seen: Set<string>,
): void {
  if (!namesMatch(reader, writer)) {
    issues.push({ path, message: `record name ${reader.name} does not match writer record ${writer.name}` });
    return;
  }
  // Recursive types: a pair already under inspection is assumed compatible (Avro's rule too).
  const pair = `${reader.name}\u0000${writer.name}`;
  if (seen.has(pair)) return;
  seen.add(pair);
  const writerFields = fields(writer);
  for (const field of fields(reader)) {
    const match = writerFields.find(
      (candidate) => candidate.name === field.name || field.aliases.includes(candidate.name),
    );
    const fieldPath = `${path}.${field.name}`;
    if (match) {
      visit(field.type, match.type, fieldPath, issues, seen);
    } else if (!hasDefault(field)) {
      issues.push({
        path: fieldPath,
        message: `reader field '${field.name}' has no default value and is missing from the writer schema`,
      });
    }
  }
}

function visitEnum(reader: AnyType, writer: AnyType, path: string, issues: ReadIssue[]): void {
  if (!namesMatch(reader, writer)) {
    issues.push({ path, message: `enum name ${reader.name} does not match writer enum ${writer.name}` });
    return;
  }
  const readerEnum = reader as unknown as { symbols: string[]; default?: string };
  if (readerEnum.default !== undefined) return;
  const missing = (writer as unknown as { symbols: string[] }).symbols.filter(
    (symbol) => !readerEnum.symbols.includes(symbol),
  );
  if (missing.length > 0) {
    issues.push({
      path,
      message: `reader enum ${reader.name} lacks writer symbol(s) ${missing.join(', ')} and has no default`,
    });
  }
}

function visitFixed(reader: AnyType, writer: AnyType, path: string, issues: ReadIssue[]): void {
  if (!namesMatch(reader, writer)) {
    issues.push({ path, message: `fixed name ${reader.name} does not match writer fixed ${writer.name}` });
    return;
  }
  const readerSize = (reader as unknown as { size: number }).size;
  const writerSize = (writer as unknown as { size: number }).size;
  if (readerSize !== writerSize) {
    issues.push({
      path,
      message: `fixed ${reader.name} has size ${readerSize}, writer has size ${writerSize}`,
    });
  }
}
