import { base64Length, decodeBase64, encodeBase64 } from './base64.js';
import { VERSION_PREFIX_BYTES, versionOf, writeVersionPrefix } from './ciphertext.js';
import { IV_BYTES, openInto, sealInto, TAG_BYTES } from './tink-aes-gcm.js';

/** Bytes a UTF-16 code unit can take in UTF-8 (a surrogate pair: 4 bytes for 2 units). */
const UTF8_BYTES_PER_UNIT = 3;

/**
 * String fields as Confluent encrypts them: the UTF-8 bytes, sealed, as base64. Both ways go
 * through one reused scratch buffer, sealed and opened in place, so a field costs no Buffer beyond
 * the conversions themselves: per-field Buffers (UTF-8 bytes, ciphertext, decoded base64,
 * plaintext) were a good part of the time encryption adds to a record (bench B12).
 *
 * Opening is three steps, because the DEK depends on the version inside the ciphertext:
 * `load` the base64, read its `version`, then `open` with that version's key. Not reentrant:
 * one instance serves one synchronous caller (FieldEncryptor keeps its own).
 */
export class StringFieldCipher {
  private scratch = Buffer.allocUnsafe(1024);
  /** Bytes of the loaded ciphertext at the start of the scratch. */
  private loaded = 0;

  /** The base64 ciphertext of `text`; `version` is prefixed (0x00 + int32) when DEKs rotate. */
  seal(key: Buffer, text: string, version: number | undefined): string {
    const at = version === undefined ? 0 : VERSION_PREFIX_BYTES;
    const body = at + IV_BYTES;
    const most = body + UTF8_BYTES_PER_UNIT * text.length + TAG_BYTES;
    const scratch = this.room(most + base64Length(most));
    const end = body + utf8Into(text, scratch, body);
    sealInto(key, scratch, body, end, scratch, at);
    if (version !== undefined) writeVersionPrefix(scratch, version);
    const sealed = end + TAG_BYTES;
    // The base64 goes into the scratch after the ciphertext; latin1 reads ASCII back as it is.
    return scratch.toString('latin1', sealed, encodeBase64(scratch, 0, sealed, scratch, sealed));
  }

  /** Decodes a base64 ciphertext into the scratch, for `version` and `open`. */
  load(base64: string): void {
    // Room for the characters, which decodeBase64 copies in first; Buffer writes fewer bytes.
    const scratch = this.room(base64.length);
    const decoded = decodeBase64(base64, scratch, 0);
    this.loaded = decoded >= 0 ? decoded : scratch.write(base64, 0, 'base64');
  }

  /** The DEK version the loaded ciphertext names (only with DEK rotation). */
  version(): number {
    return versionOf(this.scratch, this.loaded);
  }

  /** The plaintext of the loaded ciphertext; a wrong key or altered bytes throw CiphertextError. */
  open(key: Buffer, rotating: boolean): string {
    const start = rotating ? VERSION_PREFIX_BYTES : 0;
    const to = start + IV_BYTES;
    const length = openInto(key, this.scratch, start, this.loaded, this.scratch, to);
    // Most PII is ASCII, which latin1 reads as UTF-8 would, at a fraction of the cost.
    let high = 0;
    for (let i = to; i < to + length; i++) high |= this.scratch[i] as number;
    return this.scratch.toString(high < 0x80 ? 'latin1' : 'utf8', to, to + length);
  }

  /** The scratch, grown to hold at least `bytes`. */
  private room(bytes: number): Buffer {
    if (this.scratch.length < bytes)
      this.scratch = Buffer.allocUnsafe(Math.max(bytes, 2 * this.scratch.length));
    return this.scratch;
  }
}

/**
 * Writes the UTF-8 bytes of `text` at `out[at]` and returns their count. ASCII, most PII, is copied
 * in a loop; anything else is left to Buffer, whose call into C++ costs more than the copy.
 */
function utf8Into(text: string, out: Buffer, at: number): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return out.write(text, at, 'utf8');
    out[at + i] = code;
  }
  return text.length;
}
