/**
 * The checked copy's explanation rows wait in a temporary file: the sheet written from it must be
 * the sheet written from memory, whatever the texts (Vietnamese, emoji, quotes, line breaks) and
 * however the 1 MB read blocks cut a character, and the file must be gone afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SpilledExplanations } from '../../src/cli/explanation-spill';
import { Explanations } from '../../src/xlsx/explanation-sheet';
import { StyleBook } from '../../src/xlsx/styles';

test('the explanation sheet from the spill file is the sheet from memory, and the file is removed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-spill-'));
  const file = path.join(dir, '.out.xlsx.1.ab.tmp');
  const spill = new SpilledExplanations(file);
  const inFile = new Explanations('Giải thích', 'Danh sách', spill);
  const inMemory = new Explanations('Giải thích', 'Danh sách');
  const statuses = ['eligible', 'ineligible', 'incomplete', 'not-covered'] as const;
  // 12,000 rows of multi-byte text: about five 1 MB blocks, characters cut at their edges.
  for (let i = 0; i < 12_000; i++) {
    const text = `✗ Tiêu chí “${i}” chưa đạt 😀 [KH Thạch Hà 2022, mục V.1.b•${i % 7}]\n? Thiếu “Ngày trình” <&> 'x'`.repeat(1 + (i % 3));
    expect(inFile.add(i + 5, statuses[i % 4], text)).toBe(inMemory.add(i + 5, statuses[i % 4], text));
  }
  const styles = new StyleBook(null);
  const st = styles.fixed;
  expect([...inFile.parts(st, 11)].join('')).toBe([...inMemory.parts(st, 11)].join(''));
  spill.dispose();
  expect(fs.readdirSync(dir)).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('each explanation row is written once, in sheetData, and the links hold links only', () => {
  const ex = new Explanations('Giải thích', 'Danh sách');
  // Rows that do not end on a 16 KB piece boundary: a last partial piece is left before </sheetData>.
  for (let i = 0; i < 301; i++) ex.add(i + 4, 'ineligible', `✗ Tiêu chí ${i}: không`);
  const styles = new StyleBook(null);
  const xml = [...ex.parts(styles.fixed, 11)].join('');
  expect(xml.match(/<row /g)?.length).toBe(302);
  const links = xml.slice(xml.indexOf('<hyperlinks>') + '<hyperlinks>'.length, xml.indexOf('</hyperlinks>'));
  expect(links.replace(/<hyperlink [^>]*\/>/g, '')).toBe('');
  expect(links.match(/<hyperlink /g)?.length).toBe(301);
});
