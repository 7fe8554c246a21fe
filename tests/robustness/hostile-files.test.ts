/**
 * Hostile and broken files and output targets (issue 20), one scenario each: a list as wide as
 * Excel's grid, cells past it, a DOCTYPE, a deflate bomb, a bad CRC in a part the check does not
 * read, duplicate part names; --json and --out targets refused before anything is written; two
 * runs on one --out; a closed stdout; a file name holding a newline. The lists are written here as
 * raw parts, so that each hostile detail is exactly what the test says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assertBuilt } from '../helpers/cli';
import { bomb, writeZip, type Entry } from './fuzz';
import { removeScenarios, run, scenario, setups, snapshot, start, STACK_FRAME, type Run } from './run';

jest.setTimeout(180_000);

const PLAN = ['--plan', 'thach-ha-2022', '--year', '2023'];
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const cell = (ref: string, v: string | number) => (typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`);

/** A list of `n` villages (each missing its criteria: "Thiếu thông tin"), one extra cell per row in column `far`. */
function listEntries(n: number, far?: string, head = ''): Entry[] {
  const rows = [`<row r="1">${cell('A1', 'STT')}${cell('B1', 'Tên tập thể, cá nhân')}${cell('C1', 'Đối tượng')}${cell('D1', 'Hình thức đề nghị')}${cell('E1', 'Năm')}</row>`];
  for (let i = 0; i < n; i++) {
    const r = i + 2;
    rows.push(`<row r="${r}">${cell(`A${r}`, i + 1)}${cell(`B${r}`, `Thôn ${i + 1}`)}${cell(`C${r}`, 'Thôn')}${cell(`D${r}`, 'Giấy khen của Chủ tịch UBND huyện')}${cell(`E${r}`, 2023)}${far ? cell(`${far}${r}`, 'x') : ''}</row>`);
  }
  const x = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
  return [
    { name: '[Content_Types].xml', data: x(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`) },
    { name: '_rels/.rels', data: x(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`) },
    { name: 'docProps/core.xml', data: x(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>ntm</dc:creator></cp:coreProperties>`) },
    { name: 'xl/workbook.xml', data: x(`${head}<workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: x(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`) },
    { name: 'xl/styles.xml', data: x(`<styleSheet xmlns="${NS}"><fonts count="1"><font/></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf/></cellXfs></styleSheet>`) },
    { name: 'xl/worksheets/sheet1.xml', data: x(`<worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`) },
  ];
}

const write = (file: string, entries: Entry[]) => fs.writeFileSync(file, writeZip(entries));
const replace = (entries: Entry[], name: string, e: Partial<Entry>): Entry[] => entries.map((x) => (x.name === name ? { ...x, ...e } : x));

const { setup, runSetups } = setups();
const got = new Map<string, { run: Run; before?: Record<string, string>; after?: Record<string, string>; tmp?: string[]; extra?: unknown }>();

beforeAll(async () => {
  assertBuilt();
  await runSetups();
}, 600_000);
afterAll(() => removeScenarios());

/** One refused run: its outcome, the folder before and after, TMPDIR after. */
function refusal(key: string, make: (dir: string) => Promise<string[]> | string[]): void {
  setup(async () => {
    const { dir, tmp } = scenario(key);
    const args = await make(dir);
    const before = snapshot(dir);
    const r = await run(args, dir, tmp);
    got.set(key, { run: r, before, after: snapshot(dir), tmp: fs.readdirSync(tmp) });
  });
}

function expectRefused(key: string, parts: (string | RegExp)[]): void {
  const g = got.get(key)!;
  expect({ exitCode: g.run.exitCode, signal: g.run.signal, stdout: g.run.stdout }).toEqual({ exitCode: 2, signal: null, stdout: '' });
  expect(g.run.stderr).toMatch(/^ntm-awards[^\n]+ — [^\n]+\n$/);
  for (const p of parts) expect(g.run.stderr).toMatch(p);
  expect(g.run.stderr).not.toMatch(STACK_FRAME);
  expect(g.run.stderr).not.toMatch(/lỗi nội bộ|Cannot read|Invalid (string|array) length/);
  expect(g.after).toEqual(g.before);
  expect(g.tmp).toEqual([]);
}

describe('a list using column XFD (Excel\'s last)', () => {
  setup(async () => {
    const { dir, tmp } = scenario('xfd');
    write(path.join(dir, 'rong.xlsx'), listEntries(300, 'XFD'));
    write(path.join(dir, 'hep.xlsx'), listEntries(300));
    const wide = await run(['check', 'rong.xlsx', ...PLAN, '--quiet'], dir, tmp);
    const narrow = await run(['check', 'hep.xlsx', ...PLAN, '--quiet'], dir, tmp);
    got.set('xfd', { run: wide, extra: narrow });
  });
  refusal('xfd-out', (dir) => {
    write(path.join(dir, 'rong.xlsx'), listEntries(20, 'XFD'));
    return ['check', 'rong.xlsx', ...PLAN, '--out', 'ra.xlsx', '--json', 'r.json'];
  });

  test('is checked as the same list without that column (the far cells belong to no column of the list)', () => {
    const { run: wide, extra } = got.get('xfd')!;
    const narrow = extra as Run;
    expect(narrow.exitCode).toBe(1);
    expect({ exitCode: wide.exitCode, stderr: wide.stderr, stdout: wide.stdout.replace('rong.xlsx', 'hep.xlsx') }).toEqual({ exitCode: 1, stderr: '', stdout: narrow.stdout });
  });

  test('with --out: refused in one line (no room right of XFD for the result columns), nothing written', () => {
    expectRefused('xfd-out', [/rong\.xlsx/, /cột XFD/, /không còn chỗ bên phải cho 5 cột kết quả/]);
  });
});

refusal('grid', (dir) => {
  write(path.join(dir, 'ngoai.xlsx'), listEntries(5, 'ZZZZZZ'));
  return ['check', 'ngoai.xlsx', ...PLAN, '--out', 'ra.xlsx', '--json', 'r.json'];
});
test('a cell past column XFD is refused, naming the sheet part and the cell', () => {
  expectRefused('grid', [/ngoai\.xlsx/, /xl\/worksheets\/sheet1\.xml/, /ZZZZZZ2/, /ngoài lưới của Excel/]);
});

refusal('doctype', (dir) => {
  write(path.join(dir, 'dtd.xlsx'), listEntries(5, undefined, '<!DOCTYPE workbook [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'));
  return ['check', 'dtd.xlsx', ...PLAN];
});
test('a DOCTYPE is refused even when only checking, naming the part', () => {
  expectRefused('doctype', [/dtd\.xlsx/, /xl\/workbook\.xml/, /DOCTYPE/]);
});

refusal('bomb', async (dir) => {
  const made = await bomb(`<styleSheet xmlns="${NS}"><cellXfs count="1">`, '<xf numFmtId="0"/>', 33 * 1024 * 1024, '</cellXfs></styleSheet>');
  // The directory claims a small part: the limit holds on what inflates, not on what is declared.
  write(path.join(dir, 'bom.xlsx'), replace(listEntries(5), 'xl/styles.xml', { data: Buffer.alloc(0), packed: made.packed, crc: made.crc, size: 2000 }));
  return ['check', 'bom.xlsx', ...PLAN, '--json', 'r.json'];
});
test('a deflate bomb in styles.xml stops at the styles limit (32 MB), naming the part', () => {
  expectRefused('bomb', [/bom\.xlsx/, /xl\/styles\.xml/, /bảng định dạng quá lớn khi giải nén \(giới hạn 32 MB\)/]);
});

refusal('crc', (dir) => {
  write(path.join(dir, 'crc.xlsx'), replace(listEntries(5), 'docProps/core.xml', { crc: 12345 }));
  return ['check', 'crc.xlsx', ...PLAN, '--out', 'ra.xlsx', '--json', 'r.json'];
});
test('a bad CRC in a part the check never reads still refuses the copy: nothing damaged is copied', () => {
  expectRefused('crc', [/crc\.xlsx/, /docProps\/core\.xml/, /CRC/, /bảng tính bị hỏng/]);
});

refusal('dup', (dir) => {
  const entries = listEntries(5);
  write(path.join(dir, 'trung.xlsx'), [...entries, { name: '[Content_Types].xml', data: Buffer.from('not xml') }]);
  return ['check', 'trung.xlsx', ...PLAN, '--out', 'ra.xlsx'];
});
test('two entries of one name are refused, naming it', () => {
  expectRefused('dup', [/trung\.xlsx/, /\[Content_Types\]\.xml/, /bị trùng/]);
});

refusal('json-exists', (dir) => {
  write(path.join(dir, 'ds.xlsx'), listEntries(5));
  fs.writeFileSync(path.join(dir, 'r.json'), 'an earlier report');
  return ['check', 'ds.xlsx', ...PLAN, '--out', 'ra.xlsx', '--json', 'r.json'];
});
test('--json over an existing file without --force: refused like --out, before the copy is written', () => {
  expectRefused('json-exists', [/^ntm-awards: --json r\.json: tệp đã có; thêm --force để ghi đè/]);
});

refusal('json-folder', (dir) => {
  write(path.join(dir, 'ds.xlsx'), listEntries(5));
  fs.mkdirSync(path.join(dir, 'bao-cao'));
  return ['check', 'ds.xlsx', ...PLAN, '--out', 'ra.xlsx', '--json', 'bao-cao', '--force'];
});
test('--json naming a folder: refused before the copy is written', () => {
  expectRefused('json-folder', [/--json bao-cao/, /là thư mục, không phải tệp/]);
});

refusal('folder-xlsx', (dir) => {
  fs.mkdirSync(path.join(dir, 'ho-so'));
  write(path.join(dir, 'ho-so', 'a.xlsx'), listEntries(5));
  write(path.join(dir, 'ho-so', 'b.xlsx'), listEntries(5));
  return ['check', 'ho-so', ...PLAN, '--out', 'ket-qua.xlsx'];
});
test('--out x.xlsx for a folder: refused (no folder named x.xlsx is made)', () => {
  expectRefused('folder-xlsx', [/--out ket-qua\.xlsx/, /ghi ra một thư mục/]);
});

refusal('newline', (dir) => {
  fs.writeFileSync(path.join(dir, 'bad\nname.xlsx'), '');
  return ['check', 'bad\nname.xlsx', ...PLAN];
});
test('a file name holding a newline is quoted, and the message stays one whole line', () => {
  expectRefused('newline', [/^ntm-awards: "bad\\nname\.xlsx": tệp rỗng/]);
});

describe('two runs writing one --out at once, without --force', () => {
  setup(async () => {
    const { dir, tmp } = scenario('race');
    write(path.join(dir, 'ds.xlsx'), listEntries(400));
    const a = start(['check', 'ds.xlsx', ...PLAN, '--out', 'ra.xlsx'], dir, tmp);
    const b = start(['check', 'ds.xlsx', ...PLAN, '--out', 'ra.xlsx'], dir, tmp);
    const runs = await Promise.all([a.done, b.done]);
    got.set('race', { run: runs[0], extra: runs[1], after: snapshot(dir) });
  });
  test('one writes the copy, the other is refused ("tệp đã có"): never a silent replacement', () => {
    const g = got.get('race')!;
    const codes = [g.run.exitCode, (g.extra as Run).exitCode].sort();
    expect(codes).toEqual([1, 2]);
    const refused = [g.run, g.extra as Run].find((r) => r.exitCode === 2)!;
    expect(refused.stderr).toBe('ntm-awards: --out ra.xlsx: tệp đã có; thêm --force để ghi đè — the file exists; add --force\n');
    expect(Object.keys(g.after!).sort()).toEqual(['ds.xlsx', 'ra.xlsx']);
  });
});

describe('stdout closed early (check … | head -1)', () => {
  setup(async () => {
    const { dir, tmp } = scenario('epipe');
    write(path.join(dir, 'ds.xlsx'), listEntries(3000));
    const s = start(['check', 'ds.xlsx', ...PLAN], dir, tmp);
    // The reader leaves after the first piece, as head does.
    s.child.stdout!.once('data', () => s.child.stdout!.destroy());
    got.set('epipe', { run: await s.done });
  });
  test('the run ends quietly with its real exit code (1: rows need a look), no EPIPE stack', () => {
    const r = got.get('epipe')!.run;
    expect({ exitCode: r.exitCode, signal: r.signal }).toEqual({ exitCode: 1, signal: null });
    expect(r.stderr).toBe('');
  });
});
