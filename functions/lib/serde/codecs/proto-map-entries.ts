import protobuf from 'protobufjs';

/**
 * Turns `repeated XEntry` fields whose message has `option map_entry = true` into map fields.
 * That is how AWS Glue stores a `map<k, v>` schema (the descriptor form written back as text),
 * and protobufjs reads it as a list of `{key, value}` messages. The wire bytes are the same
 * either way, so a record decodes to the same plain object whichever registry served it.
 * The entry messages go too, as protobufjs drops them for `map<k, v>`: the message layout
 * still counts them by name, so message indexes do not move.
 */
export function mapEntriesAsMaps(namespace: protobuf.NamespaceBase): void {
  for (const nested of namespace.nestedArray) {
    if (nested instanceof protobuf.Type) {
      for (const field of nested.fieldsArray) {
        const entry = field.resolvedType;
        if (!field.repeated || !(entry instanceof protobuf.Type) || entry.options?.map_entry !== true)
          continue;
        const key = entry.fieldsById[1];
        const value = entry.fieldsById[2];
        if (key === undefined || value === undefined) continue;
        nested.remove(field);
        nested.add(new protobuf.MapField(field.name, field.id, key.type, typeName(value), field.options));
        entry.parent?.remove(entry);
      }
    }
    if (nested instanceof protobuf.Namespace) mapEntriesAsMaps(nested);
  }
}

/** A message or enum value type by its full name: the entry's scope is not the map field's. */
function typeName(field: protobuf.Field): string {
  return field.resolvedType ? field.resolvedType.fullName : field.type;
}
