import { describe, expect, it } from 'vitest';
import { PrincipalsConfigError } from '../../../registry/access/errors.js';
import { parsePrincipalsDocument } from '../../../registry/access/principals.js';
import { allows, Permissions, Roles } from '../../../registry/access/roles.js';
import { routePolicy } from '../../../registry/access/route-policy.js';

const doc = (principals: unknown) => JSON.stringify({ principals });

describe('Registry principals document', () => {
  it('reads principals with their roles and a writer its prefixes', () => {
    const { principals, anonymous } = parsePrincipalsDocument(
      doc([
        { username: 'consumers', password: 'a', role: 'reader' },
        { username: 'relay', password: 'b', role: 'writer', subjectPrefixes: ['orders.'] },
      ]),
      'test',
    );
    const [reader, writer] = principals;
    expect(anonymous).toBeUndefined();
    expect(reader).toEqual({ username: 'consumers', password: 'a', role: 'reader', subjectPrefixes: [] });
    expect(writer?.subjectPrefixes).toEqual(['orders.']);
  });

  it.each([
    [
      'an unknown role',
      [{ username: 'x', password: 'p', role: 'owner' }],
      /role "owner"; use one of reader, writer, admin/,
    ],
    [
      'a writer without prefixes',
      [{ username: 'ci', password: 'p', role: 'writer' }],
      /writer ci needs "subjectPrefixes"/,
    ],
    ['an empty password', [{ username: 'x', password: '', role: 'admin' }], /needs a non-empty "password"/],
    [
      'a user name twice',
      [
        { username: 'x', password: 'p', role: 'admin' },
        { username: 'x', password: 'q', role: 'reader' },
      ],
      /principal x is given twice/,
    ],
  ])('refuses %s, saying what to fix', (_label, principals, message) => {
    expect(() => parsePrincipalsDocument(doc(principals), 'test')).toThrow(PrincipalsConfigError);
    expect(() => parsePrincipalsDocument(doc(principals), 'test')).toThrow(message);
  });

  it('reads the role of calls without credentials, and refuses an unknown one', () => {
    const text = (anonymous: unknown) => JSON.stringify({ principals: [], anonymous });
    expect(parsePrincipalsDocument(text('admin'), 'local.json').anonymous).toBe('admin');
    expect(() => parsePrincipalsDocument(text('everyone'), 'local.json')).toThrow(
      /"anonymous" is "everyone"; use one of reader, writer, admin, or leave it out/,
    );
  });

  it('refuses a document that is not JSON or has no principals list', () => {
    expect(() => parsePrincipalsDocument('{', 'file.json')).toThrow(/file.json is not JSON/);
    expect(() => parsePrincipalsDocument('{}', 'file.json')).toThrow(/needs a "principals" list/);
  });
});

describe('Registry roles', () => {
  const writer = { username: 'w', password: 'p', role: Roles.writer, subjectPrefixes: ['orders.'] };
  const reader = { ...writer, role: Roles.reader };
  const admin = { ...writer, role: Roles.admin, subjectPrefixes: [] };

  it('bounds a writer by its prefixes and keeps admin calls from it', () => {
    expect(allows(writer, Permissions.write, 'orders.placed-value')).toBe(true);
    expect(allows(writer, Permissions.write, 'payments.captured-value')).toBe(false);
    expect(allows(writer, Permissions.write, undefined)).toBe(false);
    expect(allows(writer, Permissions.admin, 'orders.placed-value')).toBe(false);
    expect(allows(writer, Permissions.read, 'payments.captured-value')).toBe(true);
  });

  it('lets a reader only read and an admin do anything', () => {
    expect(allows(reader, Permissions.read, undefined)).toBe(true);
    expect(allows(reader, Permissions.write, 'orders.placed-value')).toBe(false);
    expect(allows(admin, Permissions.admin, undefined)).toBe(true);
  });

  it('classifies routes as Confluent does: lookup reads, compatibility writes, deletes are admin', () => {
    expect(routePolicy('POST', '/subjects/:subject').permission).toBe('read');
    expect(routePolicy('POST', '/compatibility/subjects/:subject/versions').permission).toBe('write');
    expect(routePolicy('DELETE', '/subjects/:subject')).toMatchObject({
      permission: 'admin',
      action: 'delete-subject',
    });
    expect(routePolicy('GET', '/dek-registry/v1/keks/:name')).toEqual({
      permission: 'read',
      operation: 'Read',
    });
    expect(routePolicy('PATCH', '/anything').permission).toBe('admin');
  });
});
