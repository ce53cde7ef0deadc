import type { RemovalPolicy } from 'aws-cdk-lib';

export interface RegistryPrincipalsProps {
  /** Subjects the writer principals (relay, producing consumers, CI) may change start with one of these. */
  readonly writerSubjectPrefixes: readonly string[];
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}
