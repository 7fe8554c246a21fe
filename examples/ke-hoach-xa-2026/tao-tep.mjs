#!/usr/bin/env node
// Remakes the two workbooks of this example from their JSON sources (run after `npm run build:cli`):
//   ke-hoach.xlsx  ← ke-hoach.json, by the product's own writer (`ntm-awards plan export`);
//   danh-sach.xlsx ← danh-sach.json (title rows, header on row 4, one row per nominee).
// Usage: node examples/ke-hoach-xa-2026/tao-tep.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const ExcelJS = createRequire(join(root, 'package.json'))('exceljs');

execFileSync(join(root, 'bin', 'ntm-awards'), ['plan', 'export', 'ke-hoach.json', '--out', 'ke-hoach.xlsx', '--force'], { cwd: here, stdio: 'inherit' });

const list = JSON.parse(readFileSync(join(here, 'danh-sach.json'), 'utf8'));
const wb = new ExcelJS.Workbook();
// Fixed dates keep the file the same from one run to the next.
wb.created = wb.modified = new Date(Date.UTC(2026, 0, 15));
const ws = wb.addWorksheet(list.sheet);
ws.getCell(1, 1).value = list.title;
ws.getCell(1, 1).font = { bold: true, size: 14 };
ws.getCell(2, 1).value = list.subtitle;
ws.getRow(4).values = list.header;
ws.getRow(4).font = { bold: true };
list.header.forEach((h, i) => (ws.getColumn(i + 1).width = Math.min(Math.max(10, h.length * 0.7), 34)));
list.rows.forEach((r, i) => {
  const row = ws.getRow(5 + i);
  r.forEach((v, c) => {
    if (v === null) return;
    row.getCell(c + 1).value = v;
    // Dates and percentages stay as typed ("10/11/2027", "94,5%"): what officials send.
    if (typeof v === 'string') row.getCell(c + 1).numFmt = '@';
  });
});
await wb.xlsx.writeFile(join(here, 'danh-sach.xlsx'));
console.log(`Đã ghi danh-sach.xlsx (${list.rows.length} dòng)`);
