/**
 * Every path a plan's problems reach people by — the plan workbook reader, plan JSON validation,
 * the `plan` subcommands' arguments, `check --plan-file` and `plan check` — fed with broken inputs:
 * no message may carry JavaScript's own text ("Cannot read properties of undefined", "[object
 * Object]", "Maximum call stack size exceeded"), zod's English, "undefined", English alone, or
 * lack its location (sheet!cell, path inside the JSON file, or the command and file).
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { parseCommand } from '../../src/cli/args';
import { CliError } from '../../src/cli/errors';
import { runPlanCheck } from '../../src/cli/plan-check';
import { resolvePlan } from '../../src/cli/plan-source';
import type { BookValue } from '../../src/core/plan-book/format';
import { formatBookError, readPlanBook } from '../../src/core/plan-book/from-tables';
import { planJsonProblems } from '../../src/core/plan-file';
import thachHa from '../../src/plans/thach-ha-2022.json';
import { tempDir } from '../helpers/cli';
import { sheetsOf, type Sheet } from '../helpers/plan-book';

const FOREIGN = /Cannot (read|set|use|convert)|is not (a function|defined|iterable|an object)|Maximum call stack|\[object|undefined|Invalid (input|option|string length|array length|key|discriminator)|Unrecognized key|expected \w+, received|Too (small|big)|TypeError|SyntaxError|RangeError|Unexpected (token|end)|in JSON at position|\bNaN\b|\(root\)|GMT[+-]\d{4}|Coordinated Universal Time/;
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

/** What is wrong with a message, or undefined when it is fine. */
function judge(kind: 'book' | 'json' | 'cli', message: string): string | undefined {
  if (FOREIGN.test(message)) return 'JavaScript/zod text';
  if (message.includes('\n')) return 'more than one line';
  const located = {
    book: /^[^!\n]+![A-Z]{1,3}[1-9]\d*: (.+)$/,
    json: /^(?:\(gốc\)|[^\s:][^\n]*?): (.+)$/,
    cli: /^ntm-awards[^:\n]*: (.+) — [\x20-\x7e]+$/,
  }[kind].exec(message);
  if (!located) return 'no location (or no English gist)';
  if (!VIETNAMESE.test(located[1])) return 'not Vietnamese';
  return undefined;
}

function collect(kind: 'book' | 'json' | 'cli', messages: readonly string[], bad: string[], what: string): void {
  for (const m of messages) {
    const why = judge(kind, m);
    if (why) bad.push(`${what}: ${why}: ${m}`);
  }
}

test('the judge refuses the messages users saw before', () => {
  expect(judge('json', 'title: Invalid input: expected string, received undefined')).toBe('JavaScript/zod text');
  expect(judge('book', 'Thông tin!B8: “Hiệu lực từ năm”: giá trị “[object Object]” không hợp lệ')).toBe('JavaScript/zod text');
  expect(judge('book', 'Tiêu chí!F3: x (Cannot read properties of undefined (reading \'richText\'))')).toBe('JavaScript/zod text');
  expect(judge('json', 'general.all.0: Maximum call stack size exceeded')).toBe('JavaScript/zod text');
  expect(judge('cli', "ntm-awards plan export: Unknown option '--bogus'")).toBe('no location (or no English gist)');
  expect(judge('cli', "ntm-awards plan export: Unknown option '--bogus' — unknown option")).toBe('not Vietnamese');
  expect(judge('cli', 'ntm-awards plan check: ghi mã kế hoạch hoặc tệp kế hoạch')).toBe('no location (or no English gist)');
  expect(judge('json', 'thiếu tên phong trào')).toBe('no location (or no English gist)');
  expect(judge('book', 'Tiêu chí!F3: round years must fall within the period 2021–2025')).toBe('not Vietnamese');
  expect(judge('book', 'Tiêu chí!F3: không có cột “X”; khai báo cột ở sheet “Cột riêng”')).toBeUndefined();
});

const SPOILS: BookValue[] = [null, true, 'zzz', -1.5, new Date(Date.UTC(2024, 1, 29))];

test('the plan workbook reader: every cell of a data row spoiled in every way', () => {
  const bad: string[] = [];
  let runs = 0;
  const base = sheetsOf('thach-ha-2022');
  const copy = (): Sheet[] => base.map((x) => ({ name: x.name, rows: x.rows.map((r) => [...r]) }));
  for (const name of base.map((s) => s.name)) {
    const width = base.find((s) => s.name === name)!.rows[0].length;
    for (let c = 0; c < width; c++) {
      for (const v of SPOILS) {
        const s = copy();
        const ws = s.find((x) => x.name === name)!;
        if (ws.rows.length < 2) ws.rows.push(ws.rows[0].map(() => null));
        ws.rows[Math.min(2, ws.rows.length - 1)][c] = v;
        runs++;
        try {
          const r = readPlanBook(s, 'ke-hoach.xlsx');
          if (!r.ok) collect('book', r.errors.map(formatBookError), bad, `${name} col ${c} = ${String(v)}`);
        } catch (e) {
          bad.push(`${name} col ${c} = ${String(v)}: threw ${String(e)}`);
        }
      }
    }
  }
  expect(runs).toBeGreaterThan(250);
  expect(bad).toEqual([]);
});

test('the plan workbook reader: whole sheets and headers spoiled', () => {
  const bad: string[] = [];
  const cases: ((s: Sheet[]) => Sheet[])[] = [
    (s) => s.filter((x) => x.name !== 'Tiêu chí'),
    (s) => s.filter((x) => x.name !== 'Thông tin'),
    (s) => s.map((x) => ({ ...x, rows: x.rows.slice(0, 1) })),
    (s) => s.map((x) => ({ ...x, rows: [x.rows[0].map(() => 'Cột lạ'), ...x.rows.slice(1)] })),
    (s) => [...s, { name: 'Tiêu chí', rows: s.find((x) => x.name === 'Tiêu chí')!.rows }],
    (s) => s.map((x) => ({ ...x, rows: x.rows.map((r) => r.map((v) => (typeof v === 'string' ? `${v} ` : v))) })),
    (s) => s.map((x) => (x.name === 'Tiêu chí' ? { ...x, rows: x.rows.map((r, i) => (i ? r.map((v, j) => (j === 1 ? 'a' : v)) : r)) } : x)),
  ];
  cases.forEach((spoil, i) => {
    try {
      const r = readPlanBook(spoil(sheetsOf('thach-ha-2022')), 'ke-hoach.xlsx');
      if (!r.ok) collect('book', r.errors.map(formatBookError), bad, `case ${i}`);
    } catch (e) {
      bad.push(`case ${i}: threw ${String(e)}`);
    }
  });
  expect(bad).toEqual([]);
});

/** Every path to a value of the plan JSON (the caller keeps every 9th, to keep the run short). */
function leafPaths(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leafPaths(x, [...path, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

test('plan JSON validation: values of every kind put where they do not belong', () => {
  const bad: string[] = [];
  const paths = leafPaths(thachHa).filter((_, i) => i % 9 === 0);
  const values: unknown[] = [undefined, null, 'zzz', -1, {}, [], true];
  let runs = 0;
  for (const p of paths) {
    if (!p.length) continue;
    for (const v of values) {
      const data = JSON.parse(JSON.stringify(thachHa));
      let parent = data;
      for (const k of p.slice(0, -1)) parent = parent[k];
      if (v === undefined) delete parent[p[p.length - 1]];
      else parent[p[p.length - 1]] = v;
      runs++;
      try {
        collect('json', planJsonProblems(data), bad, `${p.join('.')} = ${JSON.stringify(v)}`);
      } catch (e) {
        bad.push(`${p.join('.')} = ${JSON.stringify(v)}: threw ${String(e)}`);
      }
    }
  }
  expect(runs).toBeGreaterThan(300);
  expect(bad).toEqual([]);
});

test('plan JSON validation: not a plan at all, reserved keys, runaway nesting', () => {
  const bad: string[] = [];
  const texts = ['[]', '"x"', '3', 'null', '{}', '{"__proto__": {}}', '{"constructor": 1}', `{"subjects": ${'['.repeat(3000)}${']'.repeat(3000)}}`, `{"general": ${'{"id":"a","all":['.repeat(2000)}${']}'.repeat(2000)}}`];
  for (const t of texts) collect('json', planJsonProblems(JSON.parse(t)), bad, t.slice(0, 30));
  expect(bad).toEqual([]);
});

test('the plan subcommands\' argument errors keep the command line\'s form', () => {
  const bad: string[] = [];
  const argvs = [
    ['plan'],
    ['plan', 'sua'],
    ['plan', 'export', 'thach-ha-2022', '--bogus'],
    ['plan', 'export', 'thach-ha-2022', '--out'],
    ['plan', 'export', 'thach-ha-2022', '--out', 'kh.json'],
    ['plan', 'export', 'thach-ha-2022', '--one-sheet=x', '--out', 'k.xlsx'],
    ['plan', 'export', '--out', 'k.xlsx'],
    ['plan', 'check'],
    ['plan', 'check', 'a.xlsx', 'b.xlsx'],
    ['plan', 'check', 'a.xlsx', '--force'],
    ['plan', 'check', 'a.xlsx', '-x'],
    ['plan', 'build', 'kh.xlsx'],
    ['plan', 'build', 'kh.xlsx', '--out', 'kh.txt'],
    ['plan', 'show'],
    ['plan', 'show', 'a', '--out', 'b'],
  ];
  for (const argv of argvs) {
    try {
      parseCommand(argv);
      bad.push(`${argv.join(' ')}: accepted`);
    } catch (e) {
      if (!(e instanceof CliError)) bad.push(`${argv.join(' ')}: not a CliError: ${String(e)}`);
      else collect('cli', [e.message], bad, argv.join(' '));
    }
  }
  expect(bad).toEqual([]);
});

describe('check --plan-file and plan check, with files on disk', () => {
  jest.setTimeout(60_000);
  let dir: string;
  beforeAll(() => {
    dir = tempDir('ntm-plan-messages-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function files(): Promise<string[]> {
    const put = (name: string, content: string | Buffer): string => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, content);
      return f;
    };
    const spoiled = JSON.parse(JSON.stringify(thachHa));
    delete spoiled.title;
    spoiled.period.from = 2030;
    spoiled.columns = [{ header: 'Năm', type: 'yesno' }];
    const trap = JSON.parse(JSON.stringify(thachHa));
    trap.columns = [{ header: 'Đối tượng', type: 'text' }];
    const wb = new ExcelJS.Workbook();
    const s = sheetsOf('thach-ha-2022');
    s.find((x) => x.name === 'Cột riêng')!.rows.push(['Năm', null, 'Có/Không', null]);
    s.find((x) => x.name === 'Thông tin')!.rows.find((r) => r[0] === 'Hiệu lực từ năm')![1] = 2030;
    for (const x of s) {
      const ws = wb.addWorksheet(x.name);
      x.rows.forEach((r) => ws.addRow(r));
    }
    const notPlan = new ExcelJS.Workbook();
    notPlan.addWorksheet('Danh sách').addRow(['Tên tập thể, cá nhân', 'Đối tượng']);
    return [
      path.join(dir, 'khong-co.json'),
      put('rong.json', ''),
      put('hong.json', '{"id": "x",'),
      put('sai.json', '{"id" "x"}'),
      put('mang.json', '[1, 2]'),
      put('proto.json', JSON.stringify(thachHa).replace('"subjects":{', '"subjects":{"__proto__":{"judgedAs":"xa"},')),
      put('sau.json', `{"general": ${'{"id":"a","all":['.repeat(2000)}${']}'.repeat(2000)}}`),
      put('loi.json', JSON.stringify(spoiled)),
      put('bay.json', JSON.stringify(trap)),
      put('rac.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)])),
      put('danh-sach.xlsx', Buffer.from(await notPlan.xlsx.writeBuffer())),
      put('ke-hoach.xlsx', Buffer.from(await wb.xlsx.writeBuffer())),
    ];
  }

  test('every file is refused in one located Vietnamese line with its English gist', async () => {
    const bad: string[] = [];
    for (const file of await files()) {
      const name = path.basename(file);
      try {
        await resolvePlan({ planFile: file });
        bad.push(`${name}: accepted`);
      } catch (e) {
        if (!(e instanceof CliError)) bad.push(`${name}: not a CliError: ${String(e)}`);
        else {
          collect('cli', [e.message], bad, `check --plan-file ${name}`);
          if (!e.message.includes(name)) bad.push(`${name}: the message does not name the file: ${e.message}`);
        }
      }
      try {
        const r = await runPlanCheck({ command: 'plan', action: 'check', file });
        if (r.exitCode !== 2) bad.push(`plan check ${name}: exit ${r.exitCode}`);
        collect(/\.xlsx$/.test(name) ? 'book' : 'json', r.out, bad, `plan check ${name}`);
        collect('cli', r.err, bad, `plan check ${name}`);
        if (/\.json$/.test(name) && r.err.join('').includes('các ô')) bad.push(`plan check ${name}: speaks of cells: ${r.err.join('')}`);
      } catch (e) {
        if (!(e instanceof CliError)) bad.push(`plan check ${name}: not a CliError: ${String(e)}`);
        else collect('cli', [e.message], bad, `plan check ${name}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
