#!/usr/bin/env node
// One-off audit (not a test: tests never read outside the repo): every quote of every shipped plan,
// after cutting at "…" elisions, must occur in its seed text. Compared as Unicode NFC (a seed spells
// some letters decomposed), with whitespace runs as one space and the seeds' Markdown emphasis
// ("**năm 2023**", "(*Giấy khen…*)") read as the words it marks.
// Usage: node scripts/check-quotes.mjs <seeds-folder>
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const seeds = process.argv[2];
if (!seeds) {
  console.error('Cách dùng — usage: node scripts/check-quotes.mjs <thư mục văn bản gốc>');
  process.exit(2);
}
const norm = (s) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const plain = (s) => norm(s.replace(/\*+/g, ''));
const plansDir = new URL('../src/plans/', import.meta.url).pathname;
let quotes = 0;
let bad = 0;
for (const f of readdirSync(plansDir).filter((x) => x.endsWith('.json')).sort()) {
  const plan = JSON.parse(readFileSync(join(plansDir, f), 'utf8'));
  const text = plain(readFileSync(join(seeds, plan.source.file), 'utf8'));
  const walk = (v, path) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'quote' && typeof x === 'string') {
        quotes++;
        const pieces = x.split('…').map(norm).filter((p) => p !== '');
        const missing = pieces.filter((p) => !text.includes(p));
        if (missing.length) {
          bad++;
          console.log(`${f} ${path}.quote (${v.ref ?? ''}):`);
          for (const m of missing) console.log(`   not in text: «${m}»`);
        }
      } else walk(x, `${path}.${k}`);
    }
  };
  walk(plan, '$');
}
console.log(`${quotes} quotes checked, ${bad} not verbatim`);
process.exit(bad ? 1 : 0);
