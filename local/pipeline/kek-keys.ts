import type { Manifest } from '../../functions/lib/manifest/index.js';
import type { KmsKeyIds } from '../../functions/lib/serde/encryption/index.js';
import type { LocalResources, ResourcePlan } from '../assembly/index.js';
import { PipelineError } from './errors.js';

/**
 * The local KMS key ARN of each manifest KEK: the template's key aliased
 * `alias/eventline/<stage>/<kek>` (infra/constructs/field-keks.ts), as moto holds it after bootstrap.
 * What the demo producer encrypts with and the ENCRYPT rules name, so they match what the
 * functions get in EVENTLINE_KEK_KEY_ARNS.
 */
export function localKekKeyIds(manifest: Manifest, plan: ResourcePlan, resources: LocalResources): KmsKeyIds {
  const ids: Record<string, string> = {};
  for (const kek of manifest.governance.keks) {
    const key = plan.keys.find(
      (k) => k.alias.startsWith('alias/eventline/') && k.alias.endsWith(`/${kek.name}`),
    );
    const arn = key && resources.keys?.get(key.logicalId)?.arn;
    if (arn === undefined) {
      throw new PipelineError(
        `the template has no KMS key aliased alias/eventline/<stage>/${kek.name} for the manifest's KEK ${kek.name}: is infra/constructs/field-keks.ts in the stack?`,
      );
    }
    ids[kek.name] = arn;
  }
  return ids;
}
