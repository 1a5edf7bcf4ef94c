import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, createZip } from '../../scripts/lib/zip';

/** Reads entries back from the central directory, independently of the writer's own bookkeeping. */
const readZip = (zip: Buffer) => {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26);
    const body = zip.subarray(dataAt, dataAt + size);
    entries.push({ name, data: method === 8 ? inflateRawSync(body) : body });
    at += 46 + nameLength;
  }
  return entries;
};

describe('createZip', () => {
  it('round-trips names and contents, compressed or stored', () => {
    const text = Buffer.from('hello '.repeat(200));
    const tiny = Buffer.from([1, 2, 3]);
    const zip = createZip([
      { name: 'manifest.json', data: text },
      { name: 'icons/a.png', data: tiny },
    ]);
    expect(readZip(zip)).toEqual([
      { name: 'manifest.json', data: text },
      { name: 'icons/a.png', data: tiny },
    ]);
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('is reproducible', () => {
    const entries = [{ name: 'a.txt', data: Buffer.from('same') }];
    expect(createZip(entries).equals(createZip(entries))).toBe(true);
  });

  it('is accepted by Python zipfile (an independent reader)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    const path = join(dir, 'x.zip');
    writeFileSync(path, createZip([{ name: 'dir/file.txt', data: Buffer.from('content '.repeat(50)) }]));
    const out = execFileSync('python3', [
      '-c',
      'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(z.read("dir/file.txt").decode()[:15])',
      path,
    ]).toString();
    expect(out.trim()).toBe('content content');
  });
});
