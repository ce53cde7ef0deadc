import { DiffContext, type Difference } from '../difference.js';
import { protobufCompatibleChanges } from './changes.js';
import { compareFields } from './field-diff.js';
import type { ProtoEnum, ProtoField, ProtoFile, ProtoMessage } from './model.js';

/**
 * Every difference between two .proto files, named and located as Confluent's Protobuf diff
 * does; `original` is the schema data was written with when judging backward compatibility.
 */
export function diffProtobufSchemas(original: ProtoFile, update: ProtoFile): Difference[] {
  const ctx = new DiffContext(protobufCompatibleChanges);
  const inProgress = new Set<ProtoMessage>();

  const compareMessages = (c: DiffContext, before: ProtoMessage, after: ProtoMessage): void => {
    // A recursive message meets itself again; the pair is judged where it first appeared.
    if (!inProgress.has(before)) {
      inProgress.add(before);
      try {
        compareMessageFields(c, before, after);
      } finally {
        inProgress.delete(before);
      }
    }
    compareTypeElements(c, before.nested, after.nested);
  };

  const compareMessageFields = (c: DiffContext, before: ProtoMessage, after: ProtoMessage): void => {
    const byTag = (m: ProtoMessage) => new Map(m.fields.map((f) => [f.tag, f]));
    const originalFields = byTag(before);
    const updateFields = byTag(after);
    compareOneofMembership(c, after, originalFields);
    for (const name of [...new Set([...before.oneofs.keys(), ...after.oneofs.keys()])].sort()) {
      if (!after.oneofs.has(name)) c.add('ONEOF_REMOVED', name);
      else if (!before.oneofs.has(name)) c.add('ONEOF_ADDED', name);
    }
    const deletedOneofs = new Set(
      [...before.oneofs]
        .filter(([name, tags]) => !after.oneofs.has(name) && !tags.some((t) => updateFields.has(t)))
        .map(([name]) => name),
    );
    const tags = [...new Set([...originalFields.keys(), ...updateFields.keys()])].sort((a, b) => a - b);
    for (const tag of tags) {
      const was = originalFields.get(tag);
      const is = updateFields.get(tag);
      if (was && !is) {
        if (was.oneof === undefined)
          c.at(String(tag), () =>
            c.add(was.label === 'REQUIRED' ? 'REQUIRED_FIELD_REMOVED' : 'FIELD_REMOVED'),
          );
        else if (!deletedOneofs.has(was.oneof))
          c.at(was.oneof, () => c.add('ONEOF_FIELD_REMOVED', String(tag)));
      } else if (is && !was) {
        if (is.oneof !== undefined) c.at(is.oneof, () => c.add('ONEOF_FIELD_ADDED', String(tag)));
        else c.at(String(tag), () => c.add(is.label === 'REQUIRED' ? 'REQUIRED_FIELD_ADDED' : 'FIELD_ADDED'));
      } else if (was && is) {
        if (was.oneof !== undefined && is.oneof === undefined)
          c.add('ONEOF_FIELD_MOVED_TO_TOP_LEVEL', String(tag));
        const at = (body: () => void) =>
          is.oneof === undefined ? c.at(String(tag), body) : c.at(is.oneof, () => c.at(String(tag), body));
        at(() => compareFields(c, was, is, compareMessages));
      }
    }
  };

  const compareTypeElements = (
    c: DiffContext,
    before: readonly (ProtoMessage | ProtoEnum)[],
    after: readonly (ProtoMessage | ProtoEnum)[],
  ): void => {
    const index = (types: readonly (ProtoMessage | ProtoEnum)[]) => {
      const messages = types.filter((t): t is ProtoMessage => t.kind === 'message');
      return {
        messages: new Map(messages.map((m, i) => [m.name, { message: m, index: i }])),
        enums: new Map(types.filter((t): t is ProtoEnum => t.kind === 'enum').map((e) => [e.name, e])),
      };
    };
    const was = index(before);
    const is = index(after);
    for (const name of new Set([...was.messages.keys(), ...is.messages.keys()])) {
      const old = was.messages.get(name);
      const neu = is.messages.get(name);
      c.at(name, () => {
        // Map entries are how maps are written, not messages anyone reads; a map's changes show on its field.
        if (old && !neu) {
          if (!old.message.mapEntry) c.add('MESSAGE_REMOVED');
        } else if (neu && !old) {
          if (!neu.message.mapEntry) c.add('MESSAGE_ADDED');
        } else if (old && neu) {
          compareMessages(c, old.message, neu.message);
          if (old.index !== neu.index) c.add('MESSAGE_MOVED');
        }
      });
    }
    for (const name of new Set([...was.enums.keys(), ...is.enums.keys()])) {
      const old = was.enums.get(name);
      const neu = is.enums.get(name);
      c.at(name, () => {
        if (!neu) c.add('ENUM_REMOVED');
        else if (!old) c.add('ENUM_ADDED');
        else compareEnums(c, old, neu);
      });
    }
  };

  if (original.packageName !== update.packageName) ctx.add('PACKAGE_CHANGED');
  compareTypeElements(ctx, original.types, update.types);
  return ctx.differences;
}

/**
 * Fields that were independent and now share a oneof: old data may set several of them, which
 * the new schema cannot represent. Members from one original oneof, or brand-new fields, are fine.
 */
function compareOneofMembership(
  c: DiffContext,
  after: ProtoMessage,
  originalFields: ReadonlyMap<number, ProtoField>,
): void {
  for (const [name, tags] of after.oneofs) {
    const origins = new Set<string>();
    let movedIn = 0;
    for (const tag of tags) {
      const was = originalFields.get(tag);
      if (!was) continue;
      if (was.oneof !== undefined) origins.add(`oneof:${was.oneof}`);
      else {
        origins.add(`field:${tag}`);
        movedIn += 1;
      }
    }
    if (origins.size > 1)
      c.add(movedIn > 1 ? 'MULTIPLE_FIELDS_MOVED_TO_ONEOF' : 'FIELD_MOVED_TO_EXISTING_ONEOF', name);
  }
}

function compareEnums(c: DiffContext, before: ProtoEnum, after: ProtoEnum): void {
  for (const number of new Set([...before.constants.keys(), ...after.constants.keys()])) {
    const was = before.constants.get(number);
    const is = after.constants.get(number);
    if (is === undefined) c.add('ENUM_CONST_REMOVED', String(number));
    else if (was === undefined) c.add('ENUM_CONST_ADDED', String(number));
    else if (was !== is) c.add('ENUM_CONST_CHANGED', String(number));
  }
}
