/**
 * Three versions of a small Avro record for registry tests: v1, a v2 that adds a defaulted
 * field (BACKWARD compatible) and a v2 that adds a required one (refused under BACKWARD).
 */
export function pingSchemas(namespace: string) {
  const record = (fields: object[]) => JSON.stringify({ type: 'record', name: 'Ping', namespace, fields });
  return {
    v1: record([{ name: 'id', type: 'string' }]),
    v2Defaulted: record([
      { name: 'id', type: 'string' },
      { name: 'note', type: 'string', default: '' },
    ]),
    v2Required: record([
      { name: 'id', type: 'string' },
      { name: 'count', type: 'int' },
    ]),
  } as const;
}
