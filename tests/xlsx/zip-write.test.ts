/**
 * The command line's zip writer deflates a streamed part from its text through two reused slabs:
 * what comes out must be exactly the text that went in (with the right CRC, which a strict reader
 * checks), whatever the pieces' sizes and wherever a slab's edge cuts a multi-byte character.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { ZipPackage } from '../../src/xlsx/zip-read';
import { ZipWriter, type EntryMeta } from '../../src/xlsx/zip-write';

const META: EntryMeta = { dosTime: 0, dosDate: 0x21, versionMadeBy: 20, externalAttrs: 0, internalAttrs: 0 };

test('a streamed part reads back as written: pieces larger than a slab, characters on slab edges', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-zip-'));
  const file = path.join(dir, 'out.zip');
  const pieces = [
    // 262,143 bytes then a 3-byte letter: the first slab (256 KB) ends inside it.
    'a'.repeat(262_143) + 'ệ',
    // 400 KB in one piece, of 4-byte characters: wider than a slab on its own.
    '😀'.repeat(100_000),
    '',
    ...Array.from({ length: 5_000 }, (_, i) => `<row r="${i}"><c><is><t>Trần Thị Ánh ${i} “ơ”</t></is></c></row>`),
  ];
  async function* source() {
    for (const p of pieces) yield p;
  }
  const zip = new ZipWriter(file);
  await zip.addStream('xl/worksheets/sheet1.xml', source(), META);
  await zip.addStream('xl/empty.xml', [], META);
  zip.finish();
  const expected = pieces.join('');
  const strict = await JSZip.loadAsync(fs.readFileSync(file), { checkCRC32: true });
  expect(await strict.file('xl/worksheets/sheet1.xml')!.async('string')).toBe(expected);
  expect(await strict.file('xl/empty.xml')!.async('string')).toBe('');
  expect(ZipPackage.fromBuffer(fs.readFileSync(file)).text('xl/worksheets/sheet1.xml')).toBe(expected);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a source that fails half-way: the error comes through and nothing is left waiting', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-zip-'));
  const zip = new ZipWriter(path.join(dir, 'out.zip'));
  async function* source() {
    yield 'x'.repeat(600_000);
    throw new Error('the list ended early');
  }
  await expect(zip.addStream('a.xml', source(), META)).rejects.toThrow('the list ended early');
  zip.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
