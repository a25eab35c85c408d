import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What a download link carries, sealed: whose synthesis, in which language, until when. */
export interface DownloadClaim {
  readonly userId: string;
  readonly locale: string;
  readonly expiresAt: number;
}

/**
 * Opaque, tamper-proof download tokens (AES-256-GCM under a key that lives only in this process):
 * a link reveals nothing about the user and stops working when it expires or the server restarts.
 */
export class DownloadTokens {
  constructor(private readonly key: Buffer = randomBytes(32)) {}

  seal(claim: DownloadClaim): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify([claim.userId, claim.locale, claim.expiresAt]), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The claim of a valid, unexpired token; undefined for anything else. */
  open(token: string, now: number): DownloadClaim | undefined {
    try {
      const raw = Buffer.from(token, 'base64url');
      if (raw.length < 29) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const [userId, locale, expiresAt] = JSON.parse(plain) as [string, string, number];
      return expiresAt > now ? { userId, locale, expiresAt } : undefined;
    } catch {
      return undefined; // tampered, truncated or forged: the same answer as expired
    }
  }
}
