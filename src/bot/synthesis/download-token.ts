import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { LOCALES, type Locale } from '../../core/locale.js';

/** What a download link carries, sealed: whose data, which version of it, in which language, until when. */
export interface DownloadClaim {
  readonly userId: string;
  readonly locale: Locale;
  /** Milliseconds; kept to the second (rounded up) in the token. */
  readonly expiresAt: number;
  /** The version of the data the link was made for (its record's creation time, 0 without a record). */
  readonly dataStamp: number;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Encoding of the user id: `aad:` and dash-separated hex groups (an Entra object id, lower or upper case), or UTF-8. */
const UTF8 = 0;
const AAD_HEX = 1;
const AAD_HEX_UPPER = 2;
const AAD_ID = /^aad:([0-9a-f]{1,32}(?:-[0-9a-f]{1,32}){0,7}|[0-9A-F]{1,32}(?:-[0-9A-F]{1,32}){0,7})$/;
const HEADER_BYTES = 1 + 1 + 4 + 6;

/**
 * Opaque, tamper-proof download tokens (AES-256-GCM), short enough for a URL path segment: the router refuses path
 * parameters over 100 characters. The claim is packed in binary (an Entra object id in 22 bytes instead of 40
 * characters of JSON), so the token of a Teams user is 83 characters. A link reveals nothing about the user and
 * stops working when it expires or the key changes.
 */
export class DownloadTokens {
  constructor(private readonly key: Buffer = randomBytes(32)) {}

  seal(claim: DownloadClaim): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(pack(claim)), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The claim of a valid, unexpired token; undefined for anything else. */
  open(token: string, now: number): DownloadClaim | undefined {
    try {
      const raw = Buffer.from(token, 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES + HEADER_BYTES + 1) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const claim = unpack(Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]));
      return claim && claim.expiresAt > now ? claim : undefined;
    } catch {
      return undefined; // tampered, truncated or forged: the same answer as expired
    }
  }
}

function pack(claim: DownloadClaim): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  const aad = AAD_ID.exec(claim.userId);
  const hex = aad?.[1];
  header.writeUInt8(hex === undefined ? UTF8 : hex === hex.toLowerCase() ? AAD_HEX : AAD_HEX_UPPER, 0);
  header.writeUInt8(LOCALES.indexOf(claim.locale), 1);
  header.writeUInt32BE(Math.ceil(claim.expiresAt / 1000), 2);
  header.writeUIntBE(claim.dataStamp, 6, 6);
  return Buffer.concat([header, hex !== undefined ? packHexGroups(hex) : Buffer.from(claim.userId, 'utf8')]);
}

function unpack(plain: Buffer): DownloadClaim | undefined {
  const locale = LOCALES[plain.readUInt8(1)];
  if (!locale) return undefined;
  const encoding = plain.readUInt8(0);
  const id = plain.subarray(HEADER_BYTES);
  const hex = encoding === UTF8 ? undefined : unpackHexGroups(id);
  const userId = hex === undefined ? id.toString('utf8') : `aad:${encoding === AAD_HEX_UPPER ? hex.toUpperCase() : hex}`;
  return { userId, locale, expiresAt: plain.readUInt32BE(2) * 1000, dataStamp: plain.readUIntBE(6, 6) };
}

/** "1a2b-3c" → [group count, each group's length, the hex digits as nibbles]. */
function packHexGroups(text: string): Buffer {
  const groups = text.split('-');
  const digits = groups.join('').toLowerCase();
  return Buffer.concat([Buffer.from([groups.length, ...groups.map((g) => g.length)]), Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex')]);
}

function unpackHexGroups(packed: Buffer): string {
  const count = packed.readUInt8(0);
  const lengths = [...packed.subarray(1, 1 + count)];
  const digits = packed.subarray(1 + count).toString('hex');
  let at = 0;
  return lengths.map((length) => digits.slice(at, (at += length))).join('-');
}
