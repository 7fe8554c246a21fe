/**
 * Draws the add-in's icons (a white check mark on Excel green) as PNGs with zlib only, so the
 * icons can be regenerated offline: `node assets/make-icons.js`.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80, 128];
const GREEN = [0x21, 0x73, 0x46];
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Distance from point p to segment a–b, in pixels. */
function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function icon(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const radius = size * 0.18;
  const stroke = Math.max(1.2, size * 0.09);
  // The check mark, in unit coordinates.
  const pts = [
    [0.24, 0.52],
    [0.43, 0.7],
    [0.77, 0.32],
  ].map(([x, y]) => [x * size, y * size]);
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      // Rounded square: distance outside the inner rectangle.
      const qx = Math.max(radius - cx, cx - (size - radius), 0);
      const qy = Math.max(radius - cy, cy - (size - radius), 0);
      const inside = Math.min(1, Math.max(0, radius - Math.hypot(qx, qy) + 0.5));
      const d = Math.min(segDist(cx, cy, ...pts[0], ...pts[1]), segDist(cx, cy, ...pts[1], ...pts[2]));
      const mark = Math.min(1, Math.max(0, stroke / 2 - d + 0.5));
      const i = row + 1 + x * 4;
      for (let k = 0; k < 3; k++) raw[i + k] = Math.round(GREEN[k] * (1 - mark) + WHITE[k] * mark);
      raw[i + 3] = Math.round(inside * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), icon(size));
