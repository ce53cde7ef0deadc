import { EventlineError } from '../lib/errors/index.js';

/** Base error of the topics provisioner: a topic change that cannot or must not be applied. */
export class TopicsProvisionerError extends EventlineError {}

/** The requested change would lose data or cannot be expressed in Kafka (fewer partitions, deleting a topic that holds records). */
export class RefusedTopicChangeError extends TopicsProvisionerError {
  constructor(readonly refusals: readonly string[]) {
    super(`refused topic changes: ${refusals.join('; ')}`);
  }
}

/** The custom resource properties are not what the infra sends. */
export class InvalidTopicsSpecError extends TopicsProvisionerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The broker refused to create the ACLs (no authorizer, or the role may not alter the cluster). */
export class AclProvisioningError extends TopicsProvisionerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
