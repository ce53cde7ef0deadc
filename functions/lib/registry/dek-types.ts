/** Confluent's DEK registry entities (`io.confluent.dekregistry.client.rest.entities`). */

export const DekAlgorithms = {
  aes128Gcm: 'AES128_GCM',
  aes256Gcm: 'AES256_GCM',
  aes256Siv: 'AES256_SIV',
} as const;
export type DekAlgorithm = (typeof DekAlgorithms)[keyof typeof DekAlgorithms];

/** A key-encryption key: a key in a KMS, named in the registry. */
export interface Kek {
  readonly name: string;
  /** `aws-kms`, `azure-kms`, `gcp-kms`, `hcvault`. */
  readonly kmsType: string;
  readonly kmsKeyId: string;
  readonly kmsProps?: Readonly<Record<string, string>>;
  readonly doc?: string;
  /** The registry may use the KMS key itself (it then generates and unwraps DEKs). */
  readonly shared: boolean;
  /** Epoch milliseconds of the last change. */
  readonly ts?: number;
  readonly deleted?: boolean;
}

export interface CreateKekInput {
  readonly name: string;
  readonly kmsType: string;
  readonly kmsKeyId: string;
  readonly kmsProps?: Readonly<Record<string, string>>;
  readonly doc?: string;
  /** @default false */
  readonly shared?: boolean;
}

/** A data-encryption key for one subject, wrapped by its KEK. */
export interface Dek {
  readonly kekName: string;
  readonly subject: string;
  readonly version: number;
  readonly algorithm: DekAlgorithm;
  /** Base64 of the DEK encrypted by the KEK. */
  readonly encryptedKeyMaterial?: string;
  /** Base64 of the raw DEK; only for shared KEKs, whose DEKs the registry unwraps. */
  readonly keyMaterial?: string;
  readonly ts?: number;
  readonly deleted?: boolean;
}

export interface CreateDekInput {
  readonly subject: string;
  /** @default 1 */
  readonly version?: number;
  /** @default 'AES256_GCM' */
  readonly algorithm?: DekAlgorithm;
  /** Required unless the KEK is shared. */
  readonly encryptedKeyMaterial?: string;
}

export interface DekQuery {
  /** A version number, or `latest`. @default 'latest' */
  readonly version?: number | 'latest';
  /** @default 'AES256_GCM' */
  readonly algorithm?: DekAlgorithm;
  /** Return soft-deleted keys too. @default false */
  readonly deleted?: boolean;
}
