import { model } from './models.js';

/**
 * Route response schemas: the answer on success and the Confluent errors a route can give,
 * each `{ error_code, message }` with the status and codes listed in its description.
 */

type Failure = readonly [status: number, description: string];

export const failures = {
  badJson: [400, 'Malformed JSON body'],
  notFound: [404, 'Subject (40401), version (40402) or schema (40403) not found'],
  schemaNotFound: [404, 'Schema not found (40403)'],
  configNotFound: [404, 'No subject-level config (40408)'],
  modeNotFound: [404, 'No subject-level mode (40409)'],
  incompatible: [409, 'Incompatible with earlier versions (409)'],
  unsupportedMediaType: [415, 'A request body type other than JSON'],
  invalid: [
    422,
    'Invalid schema (42201), version (42202), level (42203), mode (42204), operation (42205), reference (42206), subject (42208) or rule set (42210)',
  ],
  store: [500, 'Backend store error (50001) or timeout (50002)'],
  keyNotFound: [404, 'Key not found (40470), not soft-deleted first (40471) or KEK deleted (40472)'],
  keyExists: [409, 'Key already exists (40971)'],
  invalidKey: [
    422,
    'Invalid or missing key field (42271), references exist (42272), invalid version (42202)',
  ],
} as const satisfies Record<string, Failure>;

const errorBody = model('Error');

/** A success answer with `body`, and the given failures. */
export function answers(body: object, ...failed: readonly Failure[]) {
  return { 200: { description: 'OK', ...body }, ...errorsOf(failed) };
}

/** An empty 204 answer, and the given failures. */
export function noContent(...failed: readonly Failure[]) {
  return { 204: { description: 'Done', type: 'null' }, ...errorsOf(failed) };
}

function errorsOf(failed: readonly Failure[]) {
  // Two failures with one status (404 subject, 404 key) share one entry, described together.
  const byStatus = new Map<number, string[]>();
  for (const [status, description] of failed)
    byStatus.set(status, [...(byStatus.get(status) ?? []), description]);
  return Object.fromEntries(
    [...byStatus].map(([status, descriptions]) => [
      status,
      { description: descriptions.join('; '), ...errorBody },
    ]),
  );
}

/** Body shapes that recur in answers. */
export const shapes = {
  strings: { type: 'array', items: { type: 'string' } },
  integers: { type: 'array', items: { type: 'integer' } },
  integer: { type: 'integer' },
  text: { type: 'string' },
} as const;
