/** Characters Glue allows in a schema name; `$` is also allowed but is our escape character. */
const plain = /^[A-Za-z0-9\-_#.]$/;
const maxGlueName = 255;

/**
 * The Glue schema name for a Confluent subject: the subject itself when Glue accepts it
 * (the usual `<topic>-value`), otherwise every other character escaped as `$XX` (UTF-8 bytes),
 * so any subject Confluent accepts has one reversible Glue name. Undefined when too long.
 */
export function glueSchemaName(subject: string): string | undefined {
  let name = '';
  for (const char of subject) {
    if (plain.test(char)) name += char;
    else
      for (const byte of Buffer.from(char, 'utf8'))
        name += `$${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return name.length > 0 && name.length <= maxGlueName ? name : undefined;
}
