import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

/**
 * Envelope encryption of beneficiary lists. Each list has its own random data key (AES-256-GCM);
 * the database keeps it only wrapped by a key derived from the master key, which comes from a
 * secret outside the database (LIST_MASTER_KEY or LIST_MASTER_KEY_FILE). Destroying a list's
 * wrapped key makes all its values unreadable for good (crypto-shredding).
 *
 * Searchable values (NINA, name with phone, blocking keys) are kept as HMACs under another key
 * derived from the same secret: a blind index. A plain hash would not do, as phone numbers and
 * NINAs are few enough to be guessed.
 */

const ivBytes = 12;
const tagBytes = 16;
const wrapContext = Buffer.from('relais:list-data-key');

export interface ListKeyring {
  /** Names the master key (not secret): a list records the key its data key was wrapped with. */
  readonly keyId: string;
  /** A fresh data key and its wrapped form (the only one stored). */
  newDataKey(): { key: Buffer; wrapped: Buffer };
  unwrap(wrapped: Buffer): Buffer;
  /** Keyed hash of a normalised value, tagged with what it is (`nina`, `name-phone`…). */
  blindIndex(kind: string, value: string): string;
  /**
   * The key of `blindIndex`, for a worker thread of this process that computes the same hashes
   * (`blindIndexer`); it is never stored, logged or sent out of the process.
   */
  blindIndexKey(): Buffer;
}

/** `blindIndex` of a keyring from its key (`blindIndexKey`), in a worker thread. */
export function blindIndexer(key: Uint8Array): Pick<ListKeyring, 'blindIndex'> {
  // A KeyObject once, not raw bytes per call: HMACs run per household value, a hundred thousand times an upload.
  const indexKey = createSecretKey(key);
  return { blindIndex: (kind, value) => createHmac('sha256', indexKey).update(`${kind}\u0000${value}`).digest('base64url') };
}

/**
 * IVs are drawn from random bytes fetched 4096 IVs at a time: asking the system for 12 bytes per
 * value took as long as encrypting it (a 100,000-household upload seals 100,000 values). Each IV
 * is still random and used once.
 */
const ivPool = Buffer.alloc(ivBytes * 4096);
let ivTaken = ivPool.length;

function freshIv(): Buffer {
  if (ivTaken === ivPool.length) {
    randomFillSync(ivPool);
    ivTaken = 0;
  }
  ivTaken += ivBytes;
  return Buffer.from(ivPool.subarray(ivTaken - ivBytes, ivTaken));
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, ivBytes));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(ivBytes, ivBytes + tagBytes));
  return Buffer.concat([decipher.update(sealed.subarray(ivBytes + tagBytes)), decipher.final()]);
}

/** Encrypts one value under a list's data key; `context` (the row id) binds it to its row. */
export function encryptValue(dataKey: Buffer, plaintext: string, context: string): Buffer {
  return seal(dataKey, Buffer.from(plaintext, 'utf8'), Buffer.from(context, 'utf8'));
}

export function decryptValue(dataKey: Buffer, sealed: Buffer, context: string): string {
  return open(dataKey, sealed, Buffer.from(context, 'utf8')).toString('utf8');
}

/** The keyring of a 32-byte master key. */
export function listKeyring(masterKey: Buffer): ListKeyring {
  if (masterKey.length !== 32) throw new Error('The list master key must be 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.from('relais-lists'), Buffer.from(info), 32));
  const wrapKey = derive('wrap');
  const indexKey = derive('blind-index');
  const { blindIndex } = blindIndexer(indexKey);
  const keyId = createHmac('sha256', derive('key-id')).update('id').digest('hex').slice(0, 16);
  return Object.freeze({
    keyId,
    newDataKey() {
      const key = randomBytes(32);
      return { key, wrapped: seal(wrapKey, key, wrapContext) };
    },
    unwrap: (wrapped: Buffer) => open(wrapKey, wrapped, wrapContext),
    blindIndex,
    blindIndexKey: () => Buffer.from(indexKey),
  });
}

/** Reads a master key written as 64 hex digits or as base64 of 32 bytes (`openssl rand -base64 32`). */
export function parseMasterKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  return null;
}

export const demoKeyFile = 'list-master.key';

/**
 * The keyring the server uses: the configured master key; in tests a throwaway one; otherwise
 * (development, the demo) a key generated once in DATA_DIR, readable by its owner only.
 * Production never gets here without a key: the configuration refuses to start.
 */
export function listKeyringFor(config: Config): ListKeyring {
  if (config.listMasterKey) return listKeyring(config.listMasterKey);
  if (config.env === 'production') throw new Error('LIST_MASTER_KEY or LIST_MASTER_KEY_FILE is required in production');
  if (config.env === 'test') return listKeyring(randomBytes(32));
  const file = path.join(config.dataDir, demoKeyFile);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  const key = parseMasterKey(fs.readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a 32-byte key`);
  return listKeyring(key);
}
