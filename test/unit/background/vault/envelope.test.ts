import { describe, expect, it } from 'vitest';
import {
  DECRYPT_FAILED,
  dataKeyAad,
  formatEnvelope,
  fromBase64Strict,
  IV_BYTES,
  importDataKey,
  newDataKeyBytes,
  open,
  openText,
  parseEnvelope,
  recordAad,
  seal,
  sealText,
  TAG_BYTES,
  toBase64,
} from '../../../../src/background/vault/envelope';
import { codeOf } from './vault-harness';

const SECRET = 'ghp_ENVELOPEtestSECRET0000000000000000ZZZZ';
const key = () => importDataKey(newDataKeyBytes());
const aadA = recordAad({ id: 'a', kind: 'git-token', provider: 'GITHUB', apiUrl: 'https://api.github.com' });
const aadB = recordAad({ id: 'b', kind: 'git-token', provider: 'GITHUB', apiUrl: 'https://api.github.com' });

/** Re-encodes an envelope after `change` edits its decoded parts. */
const tamper = (text: string, change: (iv: Uint8Array, ct: Uint8Array) => void) => {
  const env = parseEnvelope(text);
  const iv = new Uint8Array(env.iv);
  const ciphertext = new Uint8Array(env.ciphertext);
  change(iv, ciphertext);
  return formatEnvelope({ version: 1, iv, ciphertext });
};

describe('envelope', () => {
  it('round-trips text and never stores it in the clear', async () => {
    const k = await key();
    const sealed = await sealText(k, SECRET, aadA);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain(SECRET);
    expect(sealed).not.toContain(toBase64(new TextEncoder().encode(SECRET)));
    expect(await openText(k, sealed, aadA)).toBe(SECRET);
  });

  it.each([
    [
      'first ciphertext byte',
      (_iv: Uint8Array, ct: Uint8Array) => {
        ct[0]! ^= 1;
      },
    ],
    [
      'a tag byte',
      (_iv: Uint8Array, ct: Uint8Array) => {
        ct[ct.length - 1]! ^= 0x80;
      },
    ],
    [
      'an IV byte',
      (iv: Uint8Array) => {
        iv[IV_BYTES - 1]! ^= 1;
      },
    ],
  ])('refuses a flipped %s', async (_what, change) => {
    const k = await key();
    const sealed = await sealText(k, SECRET, aadA);
    expect(await codeOf(openText(k, tamper(sealed, change), aadA))).toBe(DECRYPT_FAILED);
  });

  it('refuses other additional data (another record id, another host, a flipped AAD byte)', async () => {
    const k = await key();
    const sealed = await sealText(k, SECRET, aadA);
    expect(await codeOf(openText(k, sealed, aadB))).toBe(DECRYPT_FAILED);
    const otherHost = recordAad({
      id: 'a',
      kind: 'git-token',
      provider: 'GITHUB',
      apiUrl: 'https://evil.test',
    });
    expect(await codeOf(openText(k, sealed, otherHost))).toBe(DECRYPT_FAILED);
    const flipped = new Uint8Array(aadA);
    flipped[3]! ^= 1;
    expect(await codeOf(openText(k, sealed, flipped))).toBe(DECRYPT_FAILED);
  });

  it('refuses another key, and a data key wrapped for one mode opened as another', async () => {
    const sealed = await sealText(await key(), SECRET, aadA);
    expect(await codeOf(openText(await key(), sealed, aadA))).toBe(DECRYPT_FAILED);
    const k = await key();
    const wrapped = await seal(k, newDataKeyBytes(), dataKeyAad({ mode: 'device' }));
    const asPassphrase = dataKeyAad({
      mode: 'passphrase',
      iterations: 600_000,
      salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
    });
    expect(await codeOf(open(k, wrapped, asPassphrase))).toBe(DECRYPT_FAILED);
  });

  it('uses a fresh IV on every one of 1000 writes', async () => {
    const k = await key();
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const sealed = await sealText(k, SECRET, aadA);
      expect(parseEnvelope(sealed).iv).toHaveLength(IV_BYTES);
      ivs.add(sealed.split('.')[1]!);
    }
    expect(ivs.size).toBe(1000);
  });

  describe('strict parsing', () => {
    const iv = toBase64(new Uint8Array(IV_BYTES));
    const ct = toBase64(new Uint8Array(TAG_BYTES + 4));

    it('accepts a well-formed envelope', () => {
      expect(parseEnvelope(`v1.${iv}.${ct}`).ciphertext).toHaveLength(TAG_BYTES + 4);
    });

    it.each([
      ['a future version', `v2.${iv}.${ct}`],
      ['a past version', `v0.${iv}.${ct}`],
      ['a bare future version', 'v3'],
      ['a zero-padded version', `v01.${iv}.${ct}`],
    ])('refuses %s as unsupported', (_what, text) => {
      expect(() => parseEnvelope(text)).toThrowError(
        expect.objectContaining({ appError: expect.objectContaining({ code: 'vault-format-unsupported' }) }),
      );
    });

    it.each([
      ['not a string', 42],
      ['null', null],
      ['an object', { v: 1, iv, ct }],
      ['empty', ''],
      ['garbage', 'not an envelope at all'],
      ['no version prefix', `${iv}.${ct}`],
      ['too few parts', `v1.${iv}`],
      ['too many parts', `v1.${iv}.${ct}.${ct}`],
      ['an empty IV', `v1..${ct}`],
      ['a short IV', `v1.${toBase64(new Uint8Array(8))}.${ct}`],
      ['a long IV', `v1.${toBase64(new Uint8Array(16))}.${ct}`],
      ['a ciphertext no longer than the tag', `v1.${iv}.${toBase64(new Uint8Array(TAG_BYTES))}`],
      ['an empty ciphertext', `v1.${iv}.`],
      ['url-safe base64', `v1.${iv}.${ct.replace(/A/g, '-')}`],
      ['unpadded base64', `v1.${iv}.${toBase64(new Uint8Array(TAG_BYTES + 1)).replace(/=+$/, '')}`],
      [
        'non-canonical padding bits',
        `v1.${iv}.${toBase64(new Uint8Array(TAG_BYTES + 3)).replace(/A==$/, 'B==')}`,
      ],
      ['whitespace inside base64', `v1.${iv}.${ct.slice(0, 4)} ${ct.slice(4)}`],
      ['a huge blob', `v1.${iv}.${'A'.repeat(100_000)}`],
    ])('refuses %s as corrupt', (_what, text) => {
      expect(() => parseEnvelope(text)).toThrowError(
        expect.objectContaining({ appError: expect.objectContaining({ code: 'vault-corrupt' }) }),
      );
    });

    it('refuses a truncated real envelope without returning any plaintext', async () => {
      const k = await key();
      const sealed = await sealText(k, SECRET, aadA);
      for (const cut of [1, 4, 8, sealed.length - 30, sealed.length - 1]) {
        const code = await codeOf(openText(k, sealed.slice(0, sealed.length - cut), aadA));
        expect(['vault-corrupt', DECRYPT_FAILED]).toContain(code);
      }
    });

    it('base64 helper refuses anything but canonical padded base64', () => {
      expect(fromBase64Strict('QQ==')).toEqual(new Uint8Array([65]));
      expect(fromBase64Strict('QR==')).toBeNull();
      expect(fromBase64Strict('QQ')).toBeNull();
      expect(fromBase64Strict('Q Q==')).toBeNull();
      expect(fromBase64Strict('')).toEqual(new Uint8Array());
    });
  });

  it('refuses decrypted bytes that are not UTF-8 instead of returning replacement characters', async () => {
    const k = await key();
    const sealed = await seal(k, new Uint8Array([0xff, 0xfe, 0x41]), aadA);
    expect(await codeOf(openText(k, sealed, aadA))).toBe('vault-corrupt');
  });

  it('imports only 256-bit data keys, non-extractable', async () => {
    await expect(importDataKey(new Uint8Array(16))).rejects.toMatchObject({
      appError: { code: 'vault-corrupt' },
    });
    const k = await key();
    expect(k.extractable).toBe(false);
    expect(k.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
  });
});
