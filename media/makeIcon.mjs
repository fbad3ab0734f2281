// Draws media/icon.png (the Marketplace icon, 128×128): one source fanning out to three routes.
// Plain Node (zlib for the PNG's deflate), 4×4 supersampling for smooth edges: `node media/makeIcon.mjs`.
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4;
const BG = [0x1e, 0x3a, 0x5f];
const LINE = [0x4f, 0xc3, 0xf7];
const DOT = [0xff, 0xff, 0xff];

const bezier = (p0, p1, p2, p3, n = 24) =>
  Array.from({ length: n + 1 }, (_, i) => {
    const t = i / n;
    const u = 1 - t;
    return [0, 1].map((k) => u * u * u * p0[k] + 3 * u * u * t * p1[k] + 3 * u * t * t * p2[k] + t * t * t * p3[k]);
  });
const routes = [
  [
    [22, 64],
    [52, 64],
  ],
  bezier([52, 64], [72, 64], [68, 34], [92, 34]),
  [
    [52, 64],
    [92, 64],
  ],
  bezier([52, 64], [72, 64], [68, 94], [92, 94]),
];
const arrows = [34, 64, 94].map((y) => [
  [88, y - 13],
  [110, y],
  [88, y + 13],
]);

function segmentDistance([x, y], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}
const onRoute = (p) => routes.some((line) => line.slice(1).some((b, i) => segmentDistance(p, line[i], b) <= 4.5));
function inTriangle([x, y], [a, b, c]) {
  const s = (p, q, r) => (p[0] - r[0]) * (q[1] - r[1]) - (q[0] - r[0]) * (p[1] - r[1]);
  const d1 = s([x, y], a, b);
  const d2 = s([x, y], b, c);
  const d3 = s([x, y], c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}
function inRoundedSquare([x, y]) {
  const r = 22;
  const cx = Math.min(Math.max(x, 4 + r), 124 - r);
  const cy = Math.min(Math.max(y, 4 + r), 124 - r);
  return x >= 4 && x <= 124 && y >= 4 && y <= 124 && Math.hypot(x - cx, y - cy) <= r;
}
/** The colour at a point, or undefined outside the icon (transparent). */
function colourAt(p) {
  if (!inRoundedSquare(p)) return undefined;
  if (Math.hypot(p[0] - 22, p[1] - 64) <= 9) return DOT;
  if (onRoute(p) || arrows.some((a) => inTriangle(p, a))) return LINE;
  return BG;
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let x = 0; x < SIZE; x++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const c = colourAt([x + (sx + 0.5) / SS, y + (sy + 0.5) / SS]);
        if (!c) continue;
        for (let k = 0; k < 3; k++) sum[k] += c[k];
        sum[3]++;
      }
    const covered = sum[3];
    for (let k = 0; k < 3; k++) row[1 + x * 4 + k] = covered ? Math.round(sum[k] / covered) : 0;
    row[1 + x * 4 + 3] = Math.round((255 * covered) / (SS * SS));
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`media/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
