/**
 * Bad input on the command line (issue items 1 and 2): every file or argument that cannot be
 * checked ends with exit 2 and one line on stderr that names the file and says what to do — no
 * stack trace, nothing written (neither --out nor --json nor a temporary file), the input byte for
 * byte unchanged, no spill file left in TMPDIR. A folder run skips a bad file and checks the rest.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { loadCases } from '../helpers/cases';
import { assertBuilt, readJson, ROOT } from '../helpers/cli';
import { writeList, writeWorkbook, type RowCells } from '../helpers/workbook';
import { removeScenarios, run, scenario, setups, snapshot, STACK_FRAME, type Run } from './run';

jest.setTimeout(120_000);

const TH = loadCases('thach-ha-2022');
const ROWS: RowCells[] = TH.rows.map((c) => c.cells);
const VI_ADVICE = 'mở bằng Excel và lưu lại dạng .xlsx';

/** Deterministic bytes (an LCG), so that a failure can be reproduced. */
function pseudoRandom(n: number, seed = 20231205): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    b[i] = x >>> 24;
  }
  // Neither a zip ("PK") nor an OLE container (D0 CF) by chance.
  b[0] = 0x13;
  return b;
}

/** The OLE compound-file signature of .xls files and of password-protected .xlsx, padded to 4 KB. */
function oleContainer(): Buffer {
  const b = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
  return b;
}

/** Zip entries from the central directory: name, compressed size and where its local header is. */
function zipEntries(zip: Buffer): { name: string; compressed: number; local: number }[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  const count = zip.readUInt16LE(eocd + 10);
  const out: { name: string; compressed: number; local: number }[] = [];
  for (let i = 0; i < count; i++) {
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    out.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLen), compressed: zip.readUInt32LE(at + 20), local: zip.readUInt32LE(at + 42) });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** A workbook whose list sheet has damaged compressed data (the zip's directory is intact). */
function damageEntry(zip: Buffer, name: string): Buffer {
  const out = Buffer.from(zip);
  const e = zipEntries(zip).find((x) => x.name === name);
  if (!e) throw new Error(`no ${name} in the zip`);
  const data = e.local + 30 + zip.readUInt16LE(e.local + 26) + zip.readUInt16LE(e.local + 28);
  const from = data + Math.floor(e.compressed / 3);
  for (let k = from; k < from + Math.floor(e.compressed / 3); k += 3) out[k] ^= 0xff;
  return out;
}

/** The shipped Thạch Hà plan with one criterion reading a column no plan declares. */
function badPlan(): string {
  const plan = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/plans/thach-ha-2022.json'), 'utf8'));
  // any[0] is a group (đạt chuẩn ∧ đúng kế hoạch); any[1] is the leaf "Tiêu biểu trong phong trào".
  plan.subjects.xa.criteria.any[1].column = 'Cột không có';
  return JSON.stringify(plan, null, 2);
}

interface BadCase {
  label: string;
  /** Writes the input(s) into the scenario folder; returns the check arguments before --out/--json. */
  make: (dir: string) => Promise<string[]>;
  /** Whole message when stable, else the parts it must contain. */
  message: string | RegExp;
  /** Text that must appear: the file named, the advice. */
  contains: string[];
}

const PLAN = ['--plan', 'thach-ha-2022', '--year', '2023'];

const CASES: BadCase[] = [
  {
    label: 'an empty file',
    make: async (dir) => (fs.writeFileSync(path.join(dir, 'rong.xlsx'), ''), ['check', 'rong.xlsx', ...PLAN]),
    message: 'ntm-awards: rong.xlsx: tệp rỗng (0 byte); hãy gửi lại bảng tính — the file is empty',
    contains: ['rong.xlsx', 'hãy gửi lại bảng tính'],
  },
  {
    label: '4 KB of random bytes',
    make: async (dir) => (fs.writeFileSync(path.join(dir, 'ngau-nhien.xlsx'), pseudoRandom(4096)), ['check', 'ngau-nhien.xlsx', ...PLAN]),
    message: `ntm-awards: ngau-nhien.xlsx: không phải bảng tính .xlsx (tệp CSV hay tệp khác bị đổi tên?); ${VI_ADVICE} — not an .xlsx workbook`,
    contains: ['ngau-nhien.xlsx', VI_ADVICE],
  },
  {
    label: 'a real .xlsx cut in half',
    make: async (dir) => {
      const file = path.join(dir, 'nua.xlsx');
      await writeList(file, { rows: ROWS, title: true });
      const whole = fs.readFileSync(file);
      fs.writeFileSync(file, whole.subarray(0, whole.length >> 1));
      return ['check', 'nua.xlsx', ...PLAN];
    },
    message: /^ntm-awards: nua\.xlsx: bảng tính bị hỏng hoặc không đầy đủ \([^)\n]+\); hãy tải về hoặc lưu lại bảng tính — damaged or incomplete workbook$/,
    contains: ['nua.xlsx', 'hãy tải về hoặc lưu lại bảng tính'],
  },
  {
    label: 'an OLE container named .xlsx (a password-protected workbook)',
    make: async (dir) => (fs.writeFileSync(path.join(dir, 'mat-khau.xlsx'), oleContainer()), ['check', 'mat-khau.xlsx', ...PLAN]),
    message: `ntm-awards: mat-khau.xlsx: đây là tệp .xls cũ hoặc bảng tính có mật khẩu; ${VI_ADVICE} (không đặt mật khẩu) — old .xls or password-protected; save as .xlsx`,
    contains: ['mat-khau.xlsx', VI_ADVICE],
  },
  {
    label: 'an old .xls (OLE container)',
    make: async (dir) => (fs.writeFileSync(path.join(dir, 'danh-sach-cu.xls'), oleContainer()), ['check', 'danh-sach-cu.xls', ...PLAN]),
    message: `ntm-awards: danh-sach-cu.xls: đây là tệp .xls cũ hoặc bảng tính có mật khẩu; ${VI_ADVICE} (không đặt mật khẩu) — old .xls or password-protected; save as .xlsx`,
    contains: ['danh-sach-cu.xls', VI_ADVICE],
  },
  {
    label: 'a CSV renamed .xlsx',
    make: async (dir) => {
      fs.writeFileSync(path.join(dir, 'xuat-csv.xlsx'), 'STT,Tên tập thể, cá nhân,Đối tượng,Hình thức đề nghị\r\n1,UBND xã Thạch Đài,Xã,Giấy khen\r\n');
      return ['check', 'xuat-csv.xlsx', ...PLAN];
    },
    message: `ntm-awards: xuat-csv.xlsx: không phải bảng tính .xlsx (tệp CSV hay tệp khác bị đổi tên?); ${VI_ADVICE} — not an .xlsx workbook`,
    contains: ['xuat-csv.xlsx', VI_ADVICE],
  },
  {
    label: 'a zip archive with no worksheet in it',
    make: async (dir) => {
      const JSZip = (await import('jszip')).default;
      const zip = new JSZip();
      zip.file('ghi-chu.txt', 'Hồ sơ khen thưởng');
      fs.writeFileSync(path.join(dir, 'nen.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
      return ['check', 'nen.xlsx', ...PLAN];
    },
    message: `ntm-awards: nen.xlsx: tệp không có trang tính nào (không phải bảng tính Excel?); ${VI_ADVICE} — no worksheet`,
    contains: ['nen.xlsx', VI_ADVICE],
  },
  {
    label: 'a workbook whose list sheet has damaged compressed data',
    make: async (dir) => {
      const file = path.join(dir, 'hong-du-lieu.xlsx');
      await writeList(file, { rows: [...ROWS, ...ROWS, ...ROWS], title: true });
      fs.writeFileSync(file, damageEntry(fs.readFileSync(file), 'xl/worksheets/sheet1.xml'));
      return ['check', 'hong-du-lieu.xlsx', ...PLAN];
    },
    // Either the reader's error or, when it drops it, main's guard: both say "damaged or incomplete".
    message: /^ntm-awards: hong-du-lieu\.xlsx: .*bảng tính bị hỏng hoặc không đầy đủ.*; hãy tải về hoặc lưu lại bảng tính — [^\n]+$/,
    contains: ['hong-du-lieu.xlsx', 'hãy tải về hoặc lưu lại bảng tính'],
  },
  {
    label: 'a workbook holding a character XML forbids (U+FFFE, as exceljs writes it)',
    make: async (dir) => {
      await writeList(path.join(dir, 'ky-tu-la.xlsx'), { rows: [{ ...ROWS[0], 'Tên tập thể, cá nhân': 'UBND xã Thạch Đài\uFFFE' }] });
      return ['check', 'ky-tu-la.xlsx', ...PLAN];
    },
    message: /^ntm-awards: ky-tu-la\.xlsx: bảng tính bị hỏng hoặc không đầy đủ \([^\n]*disallowed character[^\n]*\); hãy tải về hoặc lưu lại bảng tính — damaged or incomplete workbook$/,
    contains: ['ky-tu-la.xlsx', 'hãy tải về hoặc lưu lại bảng tính'],
  },
  {
    label: 'a workbook whose sheet breaks 200 rows in (after the rows began to spill to TMPDIR)',
    make: async (dir) => {
      const file = path.join(dir, 'hong-giua.xlsx');
      const many = Array.from({ length: 300 }, (_, i) => ({ ...ROWS[i % ROWS.length], 'Tên tập thể, cá nhân': `Đơn vị ${i + 1}` }));
      await writeList(file, { rows: many });
      const JSZip = (await import('jszip')).default;
      const zip = await JSZip.loadAsync(fs.readFileSync(file));
      const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
      const at = xml.indexOf('<row r="200"');
      zip.file('xl/worksheets/sheet1.xml', `${xml.slice(0, at)}<row r="200"><c r="A200"><v>1\uFFFE</v></c></row>${xml.slice(xml.indexOf('</row>', at) + 6)}`);
      fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
      return ['check', 'hong-giua.xlsx', ...PLAN];
    },
    message: /^ntm-awards: hong-giua\.xlsx: bảng tính bị hỏng hoặc không đầy đủ \([^\n]*disallowed character[^\n]*\); hãy tải về hoặc lưu lại bảng tính — damaged or incomplete workbook$/,
    contains: ['hong-giua.xlsx', 'hãy tải về hoặc lưu lại bảng tính'],
  },
  {
    label: 'a workbook with no header row (the header line deleted)',
    make: async (dir) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Danh sách');
      ws.addRows(ROWS.slice(0, 4).map((r, i) => [i + 1, r['Tên tập thể, cá nhân'], r['Đối tượng'], r['Hình thức đề nghị'], r['Ngày trình'] ?? null]));
      await writeWorkbook(path.join(dir, 'khong-tieu-de.xlsx'), wb);
      return ['check', 'khong-tieu-de.xlsx', ...PLAN];
    },
    message:
      'ntm-awards: khong-tieu-de.xlsx: không thấy dòng tiêu đề trong trang tính "Danh sách" (cần "Tên tập thể, cá nhân" cùng "Đối tượng" hoặc "Hình thức đề nghị"); dùng --sheet hoặc --map — no header row',
    contains: ['khong-tieu-de.xlsx', 'dùng --sheet hoặc --map'],
  },
  {
    label: 'a missing file',
    make: async () => ['check', 'khong-co.xlsx', ...PLAN],
    message: 'ntm-awards: khong-co.xlsx: không có tệp hoặc thư mục này; kiểm tra lại đường dẫn — no such file or folder',
    contains: ['khong-co.xlsx', 'kiểm tra lại đường dẫn'],
  },
  {
    label: 'an unknown plan id (--plan nope)',
    make: async (dir) => (await writeList(path.join(dir, 'ds.xlsx'), { rows: ROWS }), ['check', 'ds.xlsx', '--plan', 'nope']),
    message:
      'ntm-awards: không có kế hoạch "nope"; các kế hoạch có sẵn: thach-ha-2022, hong-linh-2022, dak-nong-2022, quynh-nhai-2022, nguyen-binh-2022 (hoặc dùng --plan-file) — unknown plan',
    contains: ['"nope"', 'các kế hoạch có sẵn'],
  },
  {
    label: 'a --plan-file whose criterion reads an unknown column',
    make: async (dir) => {
      await writeList(path.join(dir, 'ds.xlsx'), { rows: ROWS });
      fs.writeFileSync(path.join(dir, 'ke-hoach.json'), badPlan());
      return ['check', 'ds.xlsx', '--plan-file', 'ke-hoach.json'];
    },
    message:
      'ntm-awards: ke-hoach.json: kế hoạch không hợp lệ tại subjects.xa.criteria.any.1.column: không có cột “Cột không có”; dùng đúng tiêu đề cột chuẩn (như trong mẫu “ntm-awards template”) hoặc khai báo cột trong “columns”; sửa lại tệp kế hoạch — invalid plan',
    contains: ['ke-hoach.json', 'subjects.xa.criteria.any.1.column', 'khai báo cột trong “columns”'],
  },
  {
    label: 'a --plan-file that is not JSON',
    make: async (dir) => {
      await writeList(path.join(dir, 'ds.xlsx'), { rows: ROWS });
      fs.writeFileSync(path.join(dir, 'ke-hoach.json'), '{ id: thach-ha-2022, ');
      return ['check', 'ds.xlsx', '--plan-file', 'ke-hoach.json'];
    },
    message: /^ntm-awards: ke-hoach\.json: tệp kế hoạch không phải JSON hợp lệ \([^\n]+\); sửa lại tệp — not valid JSON$/,
    contains: ['ke-hoach.json', 'sửa lại tệp'],
  },
  {
    label: 'a --plan-file that does not exist',
    make: async (dir) => (await writeList(path.join(dir, 'ds.xlsx'), { rows: ROWS }), ['check', 'ds.xlsx', '--plan-file', 'khong-co.json']),
    message: 'ntm-awards: khong-co.json: không đọc được tệp kế hoạch (ENOENT); kiểm tra lại đường dẫn — cannot read the plan file',
    contains: ['khong-co.json', 'kiểm tra lại đường dẫn'],
  },
  {
    label: 'an unknown --round (yearly)',
    make: async (dir) => (await writeList(path.join(dir, 'ds.xlsx'), { rows: ROWS }), ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--round', 'yearly']),
    message: 'ntm-awards check: không có đợt --round "yearly"; dùng annual, so-ket hoặc tong-ket — unknown round',
    contains: ['"yearly"', 'dùng annual, so-ket hoặc tong-ket'],
  },
  {
    label: '--out under a path that is a file, not a folder',
    make: async (dir) => {
      await writeList(path.join(dir, 'ds.xlsx'), { rows: ROWS });
      fs.writeFileSync(path.join(dir, 'ket-qua'), 'a file, not a folder');
      return ['check', 'ds.xlsx', ...PLAN, '--out', 'ket-qua/ds.checked.xlsx'];
    },
    message: /^ntm-awards: --out ket-qua\/ds\.checked\.xlsx: không ghi được vào đó \([^\n]*ket-qua là tệp, không phải thư mục\); chọn chỗ khác hoặc kiểm tra quyền ghi của thư mục — cannot write there$/,
    contains: ['ket-qua/ds.checked.xlsx', 'chọn chỗ khác'],
  },
];

interface Outcome {
  run: Run;
  before: Record<string, string>;
  after: Record<string, string>;
  tmpAfter: string[];
}

const outcomes = new Map<string, Outcome>();

const { setup, runSetups } = setups();

beforeAll(async () => {
  assertBuilt();
  await runSetups();
}, 300_000);

afterAll(() => removeScenarios());

CASES.forEach((c, i) =>
  setup(async () => {
    const { dir, tmp } = scenario(`bad-${i}`);
    const args = await c.make(dir);
    // Every run asks for both outputs: neither may appear.
    const outputs = args.includes('--out') ? ['--json', 'bao-cao.json'] : ['--out', 'da-kiem-tra.xlsx', '--json', 'bao-cao.json'];
    const before = snapshot(dir);
    const result = await run([...args, ...outputs], dir, tmp);
    outcomes.set(c.label, { run: result, before, after: snapshot(dir), tmpAfter: fs.readdirSync(tmp) });
  }),
);

describe.each(CASES.map((c) => [c.label, c] as const))('%s', (label, c) => {
  const got = () => outcomes.get(label) as Outcome;

  test('exit 2, nothing on stdout, exactly one line on stderr', () => {
    const { run: r } = got();
    expect({ exitCode: r.exitCode, signal: r.signal, stdout: r.stdout }).toEqual({ exitCode: 2, signal: null, stdout: '' });
    expect(r.stderr).toMatch(/^[^\n]+\n$/);
  });

  test('the line says what and where, and what to do; no stack trace', () => {
    const line = got().run.stderr.replace(/\n$/, '');
    if (typeof c.message === 'string') expect(line).toBe(c.message);
    else expect(line).toMatch(c.message);
    for (const part of c.contains) expect(line).toContain(part);
    expect(line).not.toMatch(STACK_FRAME);
    expect(line).not.toMatch(/internal error|node:internal|\bat .*:\d+:\d+/);
  });

  test('nothing written, the input unchanged, no temporary file anywhere', () => {
    const { before, after, tmpAfter } = got();
    expect(after).toEqual(before);
    expect(tmpAfter).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------
// Item 2: a folder run skips a bad file and checks the others

interface FolderReport {
  files: { file: string; rows: unknown[] }[];
  failed: { file: string; error: string }[];
}

describe('a folder with two good lists and bad files', () => {
  const half = Math.ceil(ROWS.length / 2);
  let result: { run: Run; report: FolderReport; outs: string[]; before: Record<string, string>; after: Record<string, string>; tmpAfter: string[] };

  setup(async () => {
    const { dir, tmp } = scenario('folder');
    const lists = path.join(dir, 'cac-xa');
    fs.mkdirSync(lists);
    await writeList(path.join(lists, 'xa-a.xlsx'), { rows: ROWS.slice(0, half), title: true });
    fs.writeFileSync(path.join(lists, 'xa-b-mat-khau.xlsx'), oleContainer());
    await writeList(path.join(lists, 'xa-c.xlsx'), { rows: ROWS.slice(half), header: 'two-row', sections: 'merged' });
    fs.copyFileSync(path.join(lists, 'xa-a.xlsx'), path.join(lists, 'xa-d-nua.xlsx'));
    fs.truncateSync(path.join(lists, 'xa-d-nua.xlsx'), fs.statSync(path.join(lists, 'xa-a.xlsx')).size >> 1);
    fs.writeFileSync(path.join(lists, 'xa-e-rong.xlsx'), '');
    const before = snapshot(lists);
    const r = await run(['check', 'cac-xa', ...PLAN, '--out', 'ket-qua', '--json', 'bao-cao.json'], dir, tmp);
    result = {
      run: r,
      report: readJson<FolderReport>(path.join(dir, 'bao-cao.json')),
      outs: fs.readdirSync(path.join(dir, 'ket-qua')).sort(),
      before,
      after: snapshot(lists),
      tmpAfter: fs.readdirSync(tmp),
    };
  });

  test('exit 2 (the worst of 1 and 2); one stdout line per good list', () => {
    expect(result.run.exitCode).toBe(2);
    expect(result.run.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[0])).toEqual(['cac-xa/xa-a.xlsx', 'cac-xa/xa-c.xlsx']);
  });

  test('one stderr line per bad file, naming it', () => {
    const lines = result.run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ntm-awards: cac-xa\/xa-b-mat-khau\.xlsx: .*mở bằng Excel và lưu lại dạng \.xlsx/);
    expect(lines[1]).toMatch(/^ntm-awards: cac-xa\/xa-d-nua\.xlsx: bảng tính bị hỏng hoặc không đầy đủ/);
    expect(lines[2]).toMatch(/^ntm-awards: cac-xa\/xa-e-rong\.xlsx: tệp rỗng/);
    for (const l of lines) expect(l).not.toMatch(STACK_FRAME);
  });

  test('the report has both good lists in files[] and each bad one in failed[] with its message', () => {
    const { report, run: r } = result;
    expect(report.files.map((f) => f.file)).toEqual(['cac-xa/xa-a.xlsx', 'cac-xa/xa-c.xlsx']);
    expect(report.files.map((f) => f.rows.length)).toEqual([half, ROWS.length - half]);
    expect(report.failed.map((f) => f.file)).toEqual(['cac-xa/xa-b-mat-khau.xlsx', 'cac-xa/xa-d-nua.xlsx', 'cac-xa/xa-e-rong.xlsx']);
    expect(report.failed.map((f) => f.error)).toEqual(r.stderr.split('\n').filter(Boolean));
  });

  test('both checked copies are written, and nothing else', () => {
    expect(result.outs).toEqual(['xa-a.checked.xlsx', 'xa-c.checked.xlsx']);
  });

  test('no input changed; no spill file left', () => {
    expect(result.after).toEqual(result.before);
    expect(result.tmpAfter).toEqual([]);
  });
});

describe('a folder where one list has damaged compressed data', () => {
  test('the damaged one is reported in failed[], the other is still checked', async () => {
    const { dir, tmp } = scenario('folder-damaged');
    const lists = path.join(dir, 'cac-xa');
    fs.mkdirSync(lists);
    await writeList(path.join(lists, 'a-hong.xlsx'), { rows: [...ROWS, ...ROWS, ...ROWS] });
    fs.writeFileSync(path.join(lists, 'a-hong.xlsx'), damageEntry(fs.readFileSync(path.join(lists, 'a-hong.xlsx')), 'xl/worksheets/sheet1.xml'));
    await writeList(path.join(lists, 'b-tot.xlsx'), { rows: ROWS });
    const r = await run(['check', 'cac-xa', ...PLAN, '--json', 'bao-cao.json'], dir, tmp);
    expect(r.exitCode).toBe(2);
    const report = readJson<FolderReport>(path.join(dir, 'bao-cao.json'));
    expect(report.files.map((f) => f.file)).toEqual(['cac-xa/b-tot.xlsx']);
    expect(report.failed.map((f) => f.file)).toEqual(['cac-xa/a-hong.xlsx']);
  });
});
