/**
 * Declaration order of nested message types, as protoc builds descriptors: a map field adds
 * a synthetic `<Field>Entry` message at the place the field is declared. Confluent's index
 * path counts those entries (the Python and Java serializers use protoc descriptors), and
 * protobufjs drops both the entries and the interleaving of fields and nested messages, so
 * this scans the .proto text (already validated by protobufjs) for just that order.
 */
export function nestedDeclarationOrder(source: string, pkg: string | undefined): Map<string, string[]> {
  const tokens = tokenize(source);
  const order = new Map<string, string[]>();
  // Each open brace: the full name of the message it opens, or undefined for other blocks.
  const stack: Array<string | undefined> = [];
  const scopeName = () => [...stack].reverse().find((s) => s !== undefined);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '}') {
      stack.pop();
    } else if (token === '{') {
      stack.push(undefined);
    } else if (token === 'message' && tokens[i + 2] === '{' && stack.every((s) => s !== undefined)) {
      const name = tokens[i + 1] as string;
      const parent = scopeName();
      const full = parent ? `${parent}.${name}` : pkg ? `${pkg}.${name}` : name;
      if (parent) order.get(parent)?.push(full);
      order.set(full, []);
      stack.push(full);
      i += 2;
    } else if (token === 'map' && tokens[i + 1] === '<') {
      const close = tokens.indexOf('>', i);
      const field = tokens[close + 1] as string;
      const parent = scopeName();
      if (parent) order.get(parent)?.push(`${parent}.${mapEntryName(field)}`);
      i = close + 1;
    }
  }
  return order;
}

/** protoc's name for a map field's entry message: the field in PascalCase + "Entry". */
export function mapEntryName(fieldName: string): string {
  let out = '';
  let upper = true;
  for (const c of fieldName) {
    if (c === '_') upper = true;
    else {
      out += upper ? c.toUpperCase() : c;
      upper = false;
    }
  }
  return `${out}Entry`;
}

/** Identifiers and punctuation, without comments and string literals. */
function tokenize(source: string): string[] {
  const tokens: string[] = [];
  const pattern = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[A-Za-z_][\w.]*|[{}<>;=]/g;
  for (const match of source.matchAll(pattern)) {
    const t = match[0];
    if (t.startsWith('//') || t.startsWith('/*') || t.startsWith('"') || t.startsWith("'")) continue;
    tokens.push(t);
  }
  return tokens;
}
