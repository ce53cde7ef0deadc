import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import type { EventlineFunction } from './eventline-function.js';
import type { FieldKeksProps } from './field-keks-props.js';

/** What one function does with the KEKs: the topics it writes through the outbox, the KEKs it reads with. */
export interface KekUse {
  /** Topics the function writes (through the outbox); the KEKs their schemas encrypt with. @default [] */
  readonly writes?: readonly string[];
  /** KEK names the function decrypts fields with. @default [] */
  readonly decrypt?: readonly string[];
}

/**
 * One AWS KMS key per manifest KEK (field-level encryption's key-encryption keys), rotated
 * yearly by KMS, aliased `alias/eventline/<stage>/<kek>`. `bind` grants a function exactly the
 * KEKs it uses and hands it their ARNs in EVENTLINE_KEK_KEY_ARNS.
 */
export class FieldKeks extends Construct {
  /** The key of each KEK, by KEK name. */
  readonly keys: ReadonlyMap<string, Key>;
  private readonly props: FieldKeksProps;

  constructor(scope: Construct, id: string, props: FieldKeksProps) {
    super(scope, id);
    this.props = props;
    const keys = new Map<string, Key>();
    for (const kek of props.manifest.governance.keks) {
      keys.set(
        kek.name,
        new Key(this, kek.name, {
          alias: `alias/eventline/${props.stage}/${kek.name}`,
          description: `Eventline KEK ${kek.name}${kek.description ? `: ${kek.description}` : ''}`,
          enableKeyRotation: true,
          pendingWindow: Duration.days(props.pendingWindowDays ?? 30),
          removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
        }),
      );
    }
    this.keys = keys;
  }

  /** The KEK names the schemas of these topics (value and key) encrypt with. */
  keksOfTopics(topics: readonly string[]): string[] {
    const names = topics.flatMap((name) => {
      const topic = this.props.manifest.topic(name);
      return [topic.value.encryption?.kek, topic.key?.encryption?.kek];
    });
    return [...new Set(names.filter((name): name is string => name !== undefined))];
  }

  /**
   * Grants `fn` what its use of the KEKs needs and sets EVENTLINE_KEK_KEY_ARNS; returns what is
   * wrong with `use` (a name that is no manifest KEK) for the caller's synth-time validation.
   */
  bind(fn: EventlineFunction, use: KekUse): string[] {
    const encrypt = this.keksOfTopics(use.writes ?? []);
    const decrypt = use.decrypt ?? [];
    const unknown = [...new Set([...encrypt, ...decrypt])].filter((name) => !this.keys.has(name));
    if (unknown.length > 0) {
      const known = [...this.keys.keys()].join(', ') || 'none';
      return [
        `${fn.node.path}: decrypt (or a written topic's encryption) names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} no KEK of the manifest (governance.keks: ${known}); add the KEK to schemas/manifest.json or fix the name`,
      ];
    }
    const keyOf = (name: string) => this.keys.get(name) as Key;
    // The outbox writer reuses the subject's latest DEK when another container created it, and
    // unwrapping it is a KMS Decrypt: a producer needs both, on the KEKs of its own topics only.
    for (const name of encrypt) keyOf(name).grant(fn, 'kms:Encrypt', 'kms:Decrypt');
    for (const name of decrypt) keyOf(name).grant(fn, 'kms:Decrypt');
    const used = [...new Set([...encrypt, ...decrypt])].sort();
    if (used.length > 0) {
      const arns = Object.fromEntries(used.map((name) => [name, keyOf(name).keyArn]));
      fn.bindEnv(EnvNames.kekKeyArns, Stack.of(this).toJsonString(arns));
    }
    return [];
  }
}
