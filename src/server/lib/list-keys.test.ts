import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { decryptValue, demoKeyFile, encryptValue, listKeyring, listKeyringFor, parseMasterKey } from './list-keys.ts';

describe('envelope encryption of lists', () => {
  it('wraps a fresh data key per list and reads values back only with the right key and row', () => {
    const keyring = listKeyring(randomBytes(32));
    const first = keyring.newDataKey();
    const second = keyring.newDataKey();
    expect(first.key.equals(second.key)).toBe(false);
    expect(first.wrapped.includes(first.key)).toBe(false);
    expect(keyring.unwrap(first.wrapped).equals(first.key)).toBe(true);

    const sealed = encryptValue(first.key, 'TRAORE Moussa 76123456', 'row-1');
    expect(sealed.toString('latin1')).not.toContain('Moussa');
    expect(encryptValue(first.key, 'TRAORE Moussa 76123456', 'row-1').equals(sealed)).toBe(false);
    expect(decryptValue(first.key, sealed, 'row-1')).toBe('TRAORE Moussa 76123456');
    expect(() => decryptValue(first.key, sealed, 'row-2')).toThrow();
    expect(() => decryptValue(second.key, sealed, 'row-1')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => decryptValue(first.key, tampered, 'row-1')).toThrow();
    expect(() => listKeyring(randomBytes(32)).unwrap(first.wrapped)).toThrow();
  });

  it('keeps blind indexes keyed: the same value gives the same index under one master key only, and kinds apart', () => {
    const master = randomBytes(32);
    const a = listKeyring(master);
    expect(a.blindIndex('nina', '112345678901A')).toBe(listKeyring(master).blindIndex('nina', '112345678901A'));
    expect(a.blindIndex('nina', '112345678901A')).not.toBe(listKeyring(randomBytes(32)).blindIndex('nina', '112345678901A'));
    expect(a.blindIndex('nina', '76123456')).not.toBe(a.blindIndex('phone', '76123456'));
    expect(a.blindIndex('nina', '112345678901A')).not.toContain('112345678901A');
  });

  it('reads master keys as hex or base64 of 32 bytes, and nothing else', () => {
    const key = randomBytes(32);
    expect(parseMasterKey(key.toString('hex'))!.equals(key)).toBe(true);
    expect(parseMasterKey(`${key.toString('base64')}\n`)!.equals(key)).toBe(true);
    expect(parseMasterKey('short')).toBeNull();
    expect(parseMasterKey(randomBytes(16).toString('base64'))).toBeNull();
  });

  it('refuses to start in production without a master key, and generates one in DATA_DIR for the demo', () => {
    const secret = 'x'.repeat(40);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret })).toThrow(/LIST_MASTER_KEY: is required when NODE_ENV=production/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, LIST_MASTER_KEY: 'too-short' })).toThrow(ConfigError);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-keys-'));
    try {
      const keyFile = path.join(dir, 'secret');
      const key = randomBytes(32);
      fs.writeFileSync(keyFile, key.toString('base64'));
      const production = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, LIST_MASTER_KEY_FILE: keyFile });
      expect(production.listMasterKey!.equals(key)).toBe(true);
      expect(listKeyringFor(production).keyId).toBe(listKeyring(key).keyId);

      const demo = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir });
      const first = listKeyringFor(demo);
      expect(fs.statSync(path.join(dir, demoKeyFile)).mode & 0o777).toBe(0o600);
      expect(listKeyringFor(demo).keyId).toBe(first.keyId);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
