/**
 * The part of Confluent's DEK registry (`/dek-registry/v1/keks/...`) that field encryption uses,
 * in its JSON field names. The registry service implements it; its HTTP client implements this.
 */
export interface Kek {
  readonly name: string;
  readonly kmsType: string;
  readonly kmsKeyId: string;
  /** Shared KEKs let the registry generate DEKs; Eventline's producers wrap their own. */
  readonly shared: boolean;
}

export interface Dek {
  readonly kekName: string;
  readonly subject: string;
  readonly version: number;
  readonly algorithm: string;
  /** Base64 of the DEK wrapped by the KEK. */
  readonly encryptedKeyMaterial?: string;
  /** Creation time, epoch millis: what `encrypt.dek.expiry.days` is measured from. */
  readonly ts?: number;
}

export interface NewDek {
  readonly subject: string;
  readonly version: number;
  readonly algorithm: string;
  readonly encryptedKeyMaterial: string;
}

export interface DekRegistry {
  /** undefined when the registry has no such KEK (404). */
  getKek(name: string): Promise<Kek | undefined>;
  /** Resolves undefined when another writer registered it first (409). */
  registerKek(kek: Kek): Promise<Kek | undefined>;
  /** `-1` asks for the latest version, as Confluent's clients do. undefined on 404. */
  getDek(kekName: string, subject: string, version: number, algorithm: string): Promise<Dek | undefined>;
  /** Resolves undefined when another writer registered that version first (409). */
  registerDek(kekName: string, dek: NewDek): Promise<Dek | undefined>;
}
