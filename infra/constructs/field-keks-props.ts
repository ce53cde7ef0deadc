import type { RemovalPolicy } from 'aws-cdk-lib';
import type { Manifest } from '../../functions/lib/manifest/index.js';

export interface FieldKeksProps {
  /** Its `governance.keks` become keys; its topics' `encryption` say which KEK a topic writes with. */
  readonly manifest: Manifest;
  /** Deployment name in each key's alias (`alias/eventline/<stage>/<kek>`). */
  readonly stage: string;
  /**
   * Keys. A deleted KEK makes every field it wrapped unreadable for good, hence retain
   * wherever data is kept. @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /** Waiting period of a key scheduled for deletion (7 to 30). @default 30 */
  readonly pendingWindowDays?: number;
}
