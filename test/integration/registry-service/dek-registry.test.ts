import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DekRegistryClient,
  KeyExistsError,
  KeyNotFoundError,
} from '../../../functions/lib/registry/index.js';
import { uniqueName } from '../../support/local-aws.js';
import { call, registryPerFile } from './support.js';

const server = registryPerFile();

const keks = '/dek-registry/v1/keks';
const keyArn = 'arn:aws:kms:eu-west-1:000000000000:key/6f1c5a3e-2b1d-4c0e-9a57-1d2e3f4a5b6c';
/** A KEK name of the test's own (KEK names allow letters, digits, `_` and `-`). */
const kekName = (label: string) => uniqueName(`kek-${label}`).replace(/[^A-Za-z0-9_-]/g, '-');
const wrapped = () => randomBytes(60).toString('base64');

async function createKek(name: string, extra: object = {}) {
  const answer = await call(server.url, 'POST', keks, {
    name,
    kmsType: 'aws-kms',
    kmsKeyId: keyArn,
    ...extra,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

describe('Registry service DEK registry (Confluent /dek-registry/v1)', () => {
  it('creates, reads and lists a KEK, and refuses a second create with 40971', async () => {
    const name = kekName('crud');
    const created = await createKek(name, { kmsProps: { region: 'eu-west-1' }, doc: 'orders PII' });
    expect(created).toMatchObject({
      name,
      kmsType: 'aws-kms',
      kmsKeyId: keyArn,
      kmsProps: { region: 'eu-west-1' },
      doc: 'orders PII',
      shared: false,
      deleted: false,
    });
    expect(typeof created.ts).toBe('number');

    expect((await call(server.url, 'GET', `${keks}/${name}`)).body).toEqual(created);
    expect((await call(server.url, 'GET', keks)).body).toContain(name);
    const again = await call(server.url, 'POST', keks, { name, kmsType: 'aws-kms', kmsKeyId: keyArn });
    expect(again).toMatchObject({ status: 409, body: { error_code: 40971 } });
  });

  it('answers an unknown KEK with 404 and 40470, and a malformed one with 42271', async () => {
    expect(await call(server.url, 'GET', `${keks}/${kekName('absent')}`)).toMatchObject({
      status: 404,
      body: { error_code: 40470 },
    });
    const badArn = await call(server.url, 'POST', keks, {
      name: kekName('bad'),
      kmsType: 'aws-kms',
      kmsKeyId: 'alias/x',
    });
    expect(badArn).toMatchObject({ status: 422, body: { error_code: 42271 } });
    const badName = await call(server.url, 'POST', keks, {
      name: '1abc',
      kmsType: 'aws-kms',
      kmsKeyId: keyArn,
    });
    expect(badName).toMatchObject({ status: 422, body: { error_code: 42271 } });
    const shared = await call(server.url, 'POST', keks, {
      name: kekName('shared'),
      kmsType: 'aws-kms',
      kmsKeyId: keyArn,
      shared: true,
    });
    expect(shared).toMatchObject({ status: 422, body: { error_code: 42271 } });
    expect(shared.body.message).toMatch(/shared/);
  });

  it("updates a KEK's doc and kmsProps with PUT, keeping the rest", async () => {
    const name = kekName('put');
    await createKek(name, { doc: 'before' });
    const updated = await call(server.url, 'PUT', `${keks}/${name}`, { doc: 'after', kmsProps: { a: '1' } });
    expect(updated.body).toMatchObject({ name, doc: 'after', kmsProps: { a: '1' }, kmsKeyId: keyArn });
    // A property without a name is refused as invalid, not a store failure (found by the fuzz test).
    const nameless = await call(server.url, 'PUT', `${keks}/${name}`, { kmsProps: { '': 'x' } });
    expect(nameless).toMatchObject({ status: 422, body: { error_code: 42271 } });
    expect(nameless.body.message).toMatch(/kmsProps/);
  });

  it('keeps DEK versions per subject and algorithm, and serves the latest', async () => {
    const name = kekName('deks');
    await createKek(name);
    const subject = uniqueName('orders-value');
    const first = wrapped();
    const second = wrapped();
    const v1 = await call(server.url, 'POST', `${keks}/${name}/deks/${subject}`, {
      encryptedKeyMaterial: first,
    });
    expect(v1.body).toMatchObject({
      kekName: name,
      subject,
      version: 1,
      algorithm: 'AES256_GCM',
      encryptedKeyMaterial: first,
      deleted: false,
    });
    await call(server.url, 'POST', `${keks}/${name}/deks/${subject}`, {
      version: 2,
      encryptedKeyMaterial: second,
    });
    await call(server.url, 'POST', `${keks}/${name}/deks/${subject}`, {
      algorithm: 'AES256_SIV',
      encryptedKeyMaterial: wrapped(),
    });

    expect((await call(server.url, 'GET', `${keks}/${name}/deks/${subject}`)).body).toMatchObject({
      version: 2,
      encryptedKeyMaterial: second,
    });
    expect((await call(server.url, 'GET', `${keks}/${name}/deks/${subject}/versions`)).body).toEqual([1, 2]);
    expect(
      (await call(server.url, 'GET', `${keks}/${name}/deks/${subject}/versions?algorithm=AES256_SIV`)).body,
    ).toEqual([1]);
    expect((await call(server.url, 'GET', `${keks}/${name}/deks/${subject}/versions/1`)).body).toMatchObject({
      encryptedKeyMaterial: first,
    });
    expect((await call(server.url, 'GET', `${keks}/${name}/deks`)).body).toEqual([subject]);
    expect((await call(server.url, 'GET', `${keks}?subjectPrefix=${subject}`)).body).toEqual([name]);

    const clash = await call(server.url, 'POST', `${keks}/${name}/deks/${subject}`, {
      encryptedKeyMaterial: wrapped(),
    });
    expect(clash).toMatchObject({ status: 409, body: { error_code: 40971 } });
    const unwrapped = await call(server.url, 'POST', `${keks}/${name}/deks/${uniqueName('s')}`, {});
    expect(unwrapped).toMatchObject({ status: 422, body: { error_code: 42271 } });
    // Longer than a DynamoDB sort key can hold: refused as an invalid key, not a store failure.
    const long = await call(server.url, 'POST', `${keks}/${name}/deks/${'ü'.repeat(400)}`, {
      encryptedKeyMaterial: wrapped(),
    });
    expect(long).toMatchObject({ status: 422, body: { error_code: 42271 } });
  });

  it("soft-deletes, undeletes and permanently deletes DEKs and KEKs in Confluent's order", async () => {
    const name = kekName('delete');
    await createKek(name);
    const subject = uniqueName('payments-value');
    await call(server.url, 'POST', `${keks}/${name}/deks/${subject}`, { encryptedKeyMaterial: wrapped() });
    await call(server.url, 'POST', `${keks}/${name}/deks/${subject}`, {
      version: 2,
      encryptedKeyMaterial: wrapped(),
    });
    const dek = `${keks}/${name}/deks/${subject}`;

    // A KEK with live DEKs cannot go; a DEK must be soft-deleted before a permanent delete.
    expect((await call(server.url, 'DELETE', `${keks}/${name}`)).body).toMatchObject({ error_code: 42272 });
    expect(await call(server.url, 'DELETE', `${dek}?permanent=true`)).toMatchObject({
      status: 404,
      body: { error_code: 40471 },
    });

    expect((await call(server.url, 'DELETE', `${dek}/versions/2`)).status).toBe(204);
    expect((await call(server.url, 'GET', dek)).body).toMatchObject({ version: 1 });
    expect((await call(server.url, 'GET', `${dek}/versions/2?deleted=true`)).body).toMatchObject({
      deleted: true,
    });
    expect((await call(server.url, 'POST', `${dek}/versions/2/undelete`)).status).toBe(204);
    expect((await call(server.url, 'GET', dek)).body).toMatchObject({ version: 2, deleted: false });

    expect((await call(server.url, 'DELETE', dek)).status).toBe(204);
    expect((await call(server.url, 'GET', dek)).body).toMatchObject({ error_code: 40470 });
    expect((await call(server.url, 'GET', `${dek}/versions?deleted=true`)).body).toEqual([1, 2]);

    // Soft-deleted DEKs let the KEK be soft-deleted, not permanently deleted; undeleting DEKs needs the KEK back.
    expect((await call(server.url, 'DELETE', `${keks}/${name}`)).status).toBe(204);
    expect((await call(server.url, 'GET', `${keks}/${name}`)).body).toMatchObject({ error_code: 40470 });
    expect((await call(server.url, 'GET', `${keks}/${name}?deleted=true`)).body).toMatchObject({
      deleted: true,
    });
    expect((await call(server.url, 'DELETE', `${keks}/${name}?permanent=true`)).body).toMatchObject({
      error_code: 42272,
    });
    expect((await call(server.url, 'POST', `${dek}/undelete`)).body).toMatchObject({ error_code: 40472 });

    expect((await call(server.url, 'DELETE', `${dek}?permanent=true`)).status).toBe(204);
    expect((await call(server.url, 'GET', `${dek}/versions?deleted=true`)).body).toEqual([]);
    expect((await call(server.url, 'DELETE', `${keks}/${name}?permanent=true`)).status).toBe(204);
    expect((await call(server.url, 'GET', `${keks}/${name}?deleted=true`)).body).toMatchObject({
      error_code: 40470,
    });
  });

  it('lets the TypeScript DEK client create and read KEKs and DEKs, with typed errors', async () => {
    const client = new DekRegistryClient({ url: server.url });
    const name = kekName('client');
    const subject = uniqueName('client-value');
    await expect(client.getKek(name)).rejects.toBeInstanceOf(KeyNotFoundError);
    const kek = await client.createKek({ name, kmsType: 'aws-kms', kmsKeyId: keyArn });
    expect(kek).toMatchObject({ name, shared: false });
    await expect(client.createKek({ name, kmsType: 'aws-kms', kmsKeyId: keyArn })).rejects.toBeInstanceOf(
      KeyExistsError,
    );

    await expect(client.getDek(name, subject)).rejects.toBeInstanceOf(KeyNotFoundError);
    const material = wrapped();
    await client.createDek(name, { subject, encryptedKeyMaterial: material });
    await client.createDek(name, { subject, version: 2, encryptedKeyMaterial: wrapped() });
    expect(await client.getDek(name, subject, { version: 1 })).toMatchObject({
      encryptedKeyMaterial: material,
    });
    expect(await client.getDek(name, subject)).toMatchObject({ version: 2, algorithm: 'AES256_GCM' });
    await expect(client.createDek(name, { subject, encryptedKeyMaterial: wrapped() })).rejects.toBeInstanceOf(
      KeyExistsError,
    );
  });
});
