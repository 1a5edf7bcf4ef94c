#!/usr/bin/env node
// Draws the extension's mark (a key over a Git branch) and writes PNG icons at 16, 32, 48 and
// 128 px, in colour and in grey (the grey set is used for the "locked / attention" action state).
// Shapes are signed-distance functions sampled 4x4 per pixel, so edges are anti-aliased without
// a canvas library. Run: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];

// Geometry in a 0..1 unit square.
const roundedRect = (x, y, half, r) => {
  const qx = Math.abs(x - 0.5) - half + r;
  const qy = Math.abs(y - 0.5) - half + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const capsule = (x, y, ax, ay, bx, by, r) => {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h) - r;
};

const layers = (grey) => {
  const bg = grey ? [110, 118, 129] : [11, 110, 140];
  const branch = grey ? [230, 232, 235] : [235, 248, 250];
  const key = grey ? [200, 204, 209] : [255, 196, 46];
  return [
    { color: bg, inside: (x, y) => roundedRect(x, y, 0.47, 0.16) < 0 },
    {
      color: branch,
      inside: (x, y) =>
        capsule(x, y, 0.3, 0.2, 0.3, 0.8, 0.045) < 0 ||
        capsule(x, y, 0.3, 0.56, 0.52, 0.36, 0.045) < 0 ||
        circle(x, y, 0.3, 0.2, 0.085) < 0 ||
        circle(x, y, 0.3, 0.8, 0.085) < 0 ||
        circle(x, y, 0.56, 0.32, 0.085) < 0,
    },
    {
      color: key,
      inside: (x, y) => {
        const ring = Math.abs(circle(x, y, 0.66, 0.62, 0.12)) - 0.045 < 0;
        const shaft = capsule(x, y, 0.58, 0.7, 0.36, 0.92, 0.045) < 0;
        const tooth = capsule(x, y, 0.44, 0.84, 0.5, 0.9, 0.035) < 0;
        return ring || shaft || tooth;
      },
    },
  ];
};

const render = (size, grey) => {
  const px = new Uint8Array(size * size * 4);
  const ss = 4;
  const stack = layers(grey);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sj = 0; sj < ss; sj++) {
        for (let si = 0; si < ss; si++) {
          const x = (i + (si + 0.5) / ss) / size;
          const y = (j + (sj + 0.5) / ss) / size;
          let hit = null;
          for (const layer of stack) if (layer.inside(x, y)) hit = layer.color;
          if (hit) {
            r += hit[0];
            g += hit[1];
            b += hit[2];
            a += 1;
          }
        }
      }
      const o = (j * size + i) * 4;
      if (a > 0) {
        px[o] = Math.round(r / a);
        px[o + 1] = Math.round(g / a);
        px[o + 2] = Math.round(b / a);
      }
      px[o + 3] = Math.round((255 * a) / (ss * ss));
    }
  }
  return px;
};

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const encodePng = (size, rgba) => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

for (const size of SIZES) {
  writeFileSync(`icons/icon-${size}.png`, encodePng(size, render(size, false)));
  writeFileSync(`icons/icon-grey-${size}.png`, encodePng(size, render(size, true)));
}
console.log(`wrote ${SIZES.length * 2} icons to icons/`);
