import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createZip } from '../../scripts/lib/zip';

/** Reads entries back from the central directory, independently of the writer's own bookkeeping. */
const readZip = (zip: Buffer) => {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: { name: string; data: Buffer; dosTime: number; dosDate: number }[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const dosTime = zip.readUInt16LE(at + 12);
    const dosDate = zip.readUInt16LE(at + 14);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    const body = zip.subarray(dataAt, dataAt + size);
    entries.push({ name, data: method === 8 ? inflateRawSync(body) : body, dosTime, dosDate });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
};

// 1980-01-01 00:00 in DOS form: day 1, month 1, year 0 (1980); time 0.
const DOS_1980_01_01 = (1 << 5) | 1;

describe('createZip', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('round-trips names and contents in the order given', () => {
    const text = Buffer.from('hello '.repeat(200));
    const tiny = Buffer.from([1, 2, 3]);
    const zip = createZip([
      { name: 'manifest.json', data: text },
      { name: 'icons/a.png', data: tiny },
      { name: 'assets/z.js', data: text },
    ]);
    expect(readZip(zip).map(({ name, data }) => ({ name, data }))).toEqual([
      { name: 'manifest.json', data: text },
      { name: 'icons/a.png', data: tiny },
      { name: 'assets/z.js', data: text },
    ]);
  });

  it('stamps every entry 1980-01-01 00:00, not the time it ran', () => {
    const zip = createZip([{ name: 'a.txt', data: Buffer.from('x') }]);
    expect(readZip(zip)).toMatchObject([{ dosDate: DOS_1980_01_01, dosTime: 0 }]);
  });

  it('is reproducible, in any time zone', () => {
    const entries = [
      { name: 'a.txt', data: Buffer.from('same') },
      { name: 'b/c.json', data: Buffer.from('{"k":1}') },
    ];
    process.env.TZ = 'Pacific/Kiritimati';
    const east = createZip(entries);
    process.env.TZ = 'America/Los_Angeles';
    const west = createZip(entries);
    expect(east.equals(west)).toBe(true);
    expect(createZip(entries).equals(west)).toBe(true);
  });

  it('refuses a name it could not keep as given, and a name given twice', () => {
    const data = Buffer.from('x');
    expect(() =>
      createZip([
        { name: 'a.txt', data },
        { name: '404', data },
      ]),
    ).toThrow(/rename it/);
    expect(() =>
      createZip([
        { name: 'a.txt', data },
        { name: '__proto__', data },
      ]),
    ).toThrow(/rename it/);
    expect(() =>
      createZip([
        { name: 'a.txt', data },
        { name: 'a.txt', data },
      ]),
    ).toThrow(/twice/);
  });

  it('keeps names that are integer-like only inside a folder, or Object properties, as given', () => {
    const data = Buffer.from('x');
    const names = ['b.txt', 'icons/16', 'constructor', 'a/__proto__'];
    expect(readZip(createZip(names.map((name) => ({ name, data })))).map(({ name }) => name)).toEqual(names);
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
