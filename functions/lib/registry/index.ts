export { CachedRegistryClient } from './cached-client.js';
export { ConfluentRegistryClient } from './confluent-client.js';
export { type RegistryCredentials, readRegistryCredentials, withRegistryCredentials } from './credentials.js';
export * from './data-contract.js';
export { DekRegistryClient } from './dek-client.js';
export * from './dek-types.js';
export {
  IncompatibleSchemaError,
  InvalidSchemaError,
  KeyExistsError,
  KeyNotFoundError,
  RegistryCredentialsError,
  RegistryError,
  type RegistryErrorContext,
  RegistryRequestError,
  RegistryThrottledError,
  RegistryTimeoutError,
  RegistryUnreachableError,
  SchemaNotFoundError,
  SubjectNotFoundError,
} from './errors.js';
export { createRegistryClient } from './factory.js';
export { GlueAdapter, type GlueAdapterOptions, type GlueVersionInput } from './glue-adapter.js';
export { GlueRegistryClient } from './glue-client.js';
export { confluentCompatibility, type GlueCompatibility, glueCompatibility } from './glue-compatibility.js';
export type * from './options.js';
export type * from './types.js';
