import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PrincipalsConfigError } from './errors.js';
import { parsePrincipal, parsePrincipalsDocument, uniqueNames } from './principals.js';
import type { Principal } from './roles.js';

export interface PrincipalSources {
  /** Principals already parsed (given inline). @default [] */
  readonly inline?: readonly Principal[];
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

/** Every principal the service accepts, read once at start; a user name given twice is refused. */
export async function loadPrincipals(
  sources: PrincipalSources,
  secrets: () => SecretsManagerClient,
): Promise<Principal[]> {
  const file = sources.file;
  const fromFile = file
    ? parsePrincipalsDocument(
        await readFile(file, 'utf8').catch((error: Error) => {
          throw new PrincipalsConfigError(`principals file ${file}: ${error.message}`, { cause: error });
        }),
        file,
      )
    : [];
  const arns = sources.secretArns ?? [];
  const client = arns.length > 0 ? secrets() : undefined;
  const fromSecrets = client ? await Promise.all(arns.map((arn) => fromSecret(client, arn))) : [];
  return uniqueNames([...(sources.inline ?? []), ...fromFile, ...fromSecrets], 'registry principals');
}
