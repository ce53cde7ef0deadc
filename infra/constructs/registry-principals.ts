import { RemovalPolicy } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { type Role, Roles } from '../../registry/access/roles.js';
import { acknowledge } from '../nag.js';
import type { RegistryPrincipalsProps } from './registry-principals-props.js';

/** The roles a function is bound to the registry service with. */
export const RegistryClientRoles = {
  /** Consumers: they decode, and read DEKs to decrypt. */
  reader: Roles.reader,
  /** The relay and consumers that write through the outbox: they register schemas and create DEKs. */
  writer: Roles.writer,
} as const;
export type RegistryClientRole = (typeof RegistryClientRoles)[keyof typeof RegistryClientRoles];

/**
 * The registry service's principals that run unattended, one Secrets Manager secret each
 * holding the whole principal (`{ username, password, role, subjectPrefixes }`, the password
 * generated): the service reads them all, and each function is granted read on its own only.
 */
export class RegistryPrincipals extends Construct {
  /** Consumers' principal. */
  readonly reader: Secret;
  /** The relay's (and producing consumers') principal. */
  readonly writer: Secret;
  /** CI's principal (`eventline schemas register`): a writer like the relay, with a password of its own. */
  readonly ci: Secret;

  constructor(scope: Construct, id: string, props: RegistryPrincipalsProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const principal = (name: string, username: string, role: Role, subjectPrefixes: readonly string[]) => {
      const secret = new Secret(this, name, {
        description: `Schema registry principal ${username} (${role})`,
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ username, role, subjectPrefixes }),
          generateStringKey: 'password',
          excludePunctuation: true,
        },
        removalPolicy,
      });
      acknowledge(secret, {
        'AwsSolutions-SMG4':
          'The registry service reads its principals at start and clients at cold start: rotation needs a coordinated restart, left to the operator',
      });
      return secret;
    };
    this.reader = principal('Reader', 'consumers', Roles.reader, []);
    this.writer = principal('Writer', 'relay', Roles.writer, props.writerSubjectPrefixes);
    this.ci = principal('Ci', 'ci', Roles.writer, props.writerSubjectPrefixes);
  }

  /** The secret a function bound with `role` reads its credentials from. */
  secretFor(role: RegistryClientRole): Secret {
    return role === RegistryClientRoles.writer ? this.writer : this.reader;
  }

  get all(): Secret[] {
    return [this.reader, this.writer, this.ci];
  }
}
