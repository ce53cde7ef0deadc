import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import { call, registryPerFile } from './support.js';

const server = registryPerFile();

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly schema: object;
}

interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly responses: Readonly<Record<string, { readonly description: string }>>;
}

type Document = { readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>> };

async function document(): Promise<Document> {
  const answer = await call(server.url, 'GET', '/openapi.json');
  expect(answer.status).toBe(200);
  return answer.body as Document;
}

function operations(doc: Document): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      operation,
    ]),
  );
}

/** Confluent's versions are Java ints. */
const maxVersion = 2_147_483_647;

describe('Registry service OpenAPI document, generated from the routes', () => {
  it('describes every route of the Confluent and DEK registry APIs with the answers it gives', async () => {
    const all = operations(await document());
    const names = all.map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /subjects/{subject}/versions',
        'GET /subjects/{subject}/versions/{version}',
        'GET /schemas/ids/{id}',
        'PUT /config/{subject}',
        'GET /dek-registry/v1/keks/{name}/deks/{subject}/versions/{version}',
      ]),
    );
    for (const [name, operation] of all) {
      // A route that declares no response schema shows up with Fastify's bare "Default Response".
      const descriptions = Object.values(operation.responses).map((response) => response.description);
      expect(descriptions, name).not.toContain('Default Response');
      expect(
        Object.keys(operation.responses).some((status) => status.startsWith('2')),
        name,
      ).toBe(true);
    }
  });

  it('bounds every version path parameter at 2^31-1, as the routes do', async () => {
    const versions = operations(await document()).flatMap(([name, operation]) =>
      (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'path' && parameter.name === 'version')
        .map((parameter) => [name, parameter.schema] as const),
    );
    expect(versions.length).toBeGreaterThanOrEqual(8);
    for (const [name, schema] of versions) {
      expect(schema, name).toEqual({
        anyOf: [
          { type: 'integer', minimum: 1, maximum: maxVersion },
          { type: 'string', enum: ['latest', '-1'] },
        ],
      });
    }
  });

  it('accepts exactly the version segments the route accepts', async () => {
    const operation = (await document()).paths['/subjects/{subject}/versions/{version}']?.get;
    const schema = operation?.parameters?.find((parameter) => parameter.name === 'version')?.schema;
    expect(schema).toBeDefined();
    const valid = new Ajv({ strict: false }).compile(schema as object);
    // A path segment is text; the document accepts it when it reads as one of its types.
    const documentAccepts = (segment: string) =>
      valid(segment) || (/^-?\d+$/.test(segment) && valid(Number(segment)));

    const subject = `${uniqueName('openapi-versions')}-value`;
    const routeAccepts = async (segment: string) => {
      const answer = await call(server.url, 'GET', `/subjects/${subject}/versions/${segment}`);
      // Past the version check the route looks the subject up, which does not exist.
      if (answer.body.error_code === 40401) return true;
      expect(answer.body.error_code, `${segment}: ${JSON.stringify(answer.body)}`).toBe(42202);
      return false;
    };

    const edges = [0, 1, 2, maxVersion - 1, maxVersion, maxVersion + 1, 9_999_999_999, -1, -2].map(String);
    const sampled = fc.sample(fc.integer({ min: -(2 ** 33), max: 2 ** 33 }), { numRuns: 25, seed: 22 });
    const segments = [...edges, ...sampled.map(String), 'latest', 'LATEST', 'earliest', '1.5', '1e3'];
    for (const segment of segments) {
      expect(await routeAccepts(segment), segment).toBe(documentAccepts(segment));
    }
  });
});
