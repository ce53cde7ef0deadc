import { PrincipalsConfigError } from './errors.js';
import { type Principal, type Role, Roles } from './roles.js';

const roles = new Set<string>(Object.values(Roles));

/**
 * One principal as JSON: `{ "username", "password", "role", "subjectPrefixes" }`. The same
 * shape is an entry of the principals document and the whole of a principal's secret.
 */
export function parsePrincipal(value: unknown, source: string): Principal {
  const entry = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { username, password, role, subjectPrefixes } = entry;
  if (typeof username !== 'string' || username === '' || username.includes(':')) {
    throw new PrincipalsConfigError(`${source}: "username" must be a non-empty string without ':'`);
  }
  if (typeof password !== 'string' || password === '') {
    throw new PrincipalsConfigError(`${source}: principal ${username} needs a non-empty "password"`);
  }
  if (typeof role !== 'string' || !roles.has(role)) {
    throw new PrincipalsConfigError(
      `${source}: principal ${username} has role ${JSON.stringify(role)}; use one of ${[...roles].join(', ')}`,
    );
  }
  const prefixes = subjectPrefixes ?? [];
  if (!Array.isArray(prefixes) || prefixes.some((p) => typeof p !== 'string')) {
    throw new PrincipalsConfigError(
      `${source}: principal ${username}: "subjectPrefixes" must be a list of strings`,
    );
  }
  // A writer without prefixes could change nothing: almost surely a forgotten field, so say so.
  if (role === Roles.writer && prefixes.length === 0) {
    throw new PrincipalsConfigError(
      `${source}: writer ${username} needs "subjectPrefixes" (["orders."], or [""] for every subject)`,
    );
  }
  return Object.freeze({
    username,
    password,
    role: role as Role,
    subjectPrefixes: Object.freeze([...(prefixes as string[])]),
  });
}

/** What a principals document grants. */
export interface PrincipalsDocument {
  readonly principals: Principal[];
  /**
   * The role of a request without credentials (the local stack's tools send none yet).
   * @default - none: such a request gets 401
   */
  readonly anonymous?: Role;
}

/** The principals document: `{ "principals": [ ...principal ], "anonymous"?: role }`, user names unique. */
export function parsePrincipalsDocument(text: string, source: string): PrincipalsDocument {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new PrincipalsConfigError(`${source} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const list = (document as { principals?: unknown } | null)?.principals;
  if (!Array.isArray(list)) {
    throw new PrincipalsConfigError(`${source} needs a "principals" list`);
  }
  const principals = uniqueNames(
    list.map((entry, index) => parsePrincipal(entry, `${source} principals[${index}]`)),
    source,
  );
  const anonymous = (document as { anonymous?: unknown }).anonymous;
  if (anonymous === undefined) return { principals };
  if (typeof anonymous !== 'string' || !roles.has(anonymous)) {
    throw new PrincipalsConfigError(
      `${source}: "anonymous" is ${JSON.stringify(anonymous)}; use one of ${[...roles].join(', ')}, or leave it out`,
    );
  }
  return { principals, anonymous: anonymous as Role };
}

/** Refuses two principals with one user name: which password wins would be an accident. */
export function uniqueNames(principals: readonly Principal[], source: string): Principal[] {
  const seen = new Set<string>();
  for (const { username } of principals) {
    if (seen.has(username))
      throw new PrincipalsConfigError(`${source}: principal ${username} is given twice`);
    seen.add(username);
  }
  return [...principals];
}
