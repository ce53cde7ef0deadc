import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PrincipalsConfigError } from './errors.js';
import {
  type PrincipalsDocument,
  parsePrincipal,
  parsePrincipalsDocument,
  uniqueNames,
} from './principals.js';
import type { Principal } from './roles.js';

export interface PrincipalSources {
  /** A principals document already parsed (given inline). @default - none */
  readonly inline?: PrincipalsDocument;
  /** A principals document on disk. @default - none */
  readonly file?: string;
  /** Secrets holding one principal each (`{ username, password, role, subjectPrefixes }`). @default [] */
  readonly secretArns?: readonly string[];
}

async function fromSecret(secrets: SecretsManagerClient, arn: string): Promise<Principal> {
  const answer = await secrets.send(new GetSecretValueCommand({ SecretId: arn }));
  let value: unknown;
  try {
    value = JSON.parse(answer.SecretString ?? '');
  } catch (error) {
    throw new PrincipalsConfigError(`secret ${arn} is not a JSON principal`, { cause: error });
  }
  return parsePrincipal(value, `secret ${arn}`);
}

/**
 * Every principal the service accepts, read once at start; a user name given twice is refused.
 * The anonymous role is the file's, else the inline document's.
 */
export async function loadPrincipals(
  sources: PrincipalSources,
  secrets: () => SecretsManagerClient,
): Promise<PrincipalsDocument> {
  const file = sources.file;
  const fromFile: PrincipalsDocument = file
    ? parsePrincipalsDocument(
        await readFile(file, 'utf8').catch((error: Error) => {
          throw new PrincipalsConfigError(`principals file ${file}: ${error.message}`, { cause: error });
        }),
        file,
      )
    : { principals: [] };
  const arns = sources.secretArns ?? [];
  const client = arns.length > 0 ? secrets() : undefined;
  const fromSecrets = client ? await Promise.all(arns.map((arn) => fromSecret(client, arn))) : [];
  const principals = uniqueNames(
    [...(sources.inline?.principals ?? []), ...fromFile.principals, ...fromSecrets],
    'registry principals',
  );
  const anonymous = fromFile.anonymous ?? sources.inline?.anonymous;
  return anonymous === undefined ? { principals } : { principals, anonymous };
}
