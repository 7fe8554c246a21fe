/**
 * A folder is checked on several threads (src/cli/check-pool.ts), largest file first, so files
 * finish in another order than they are listed. What the user gets must not show it: the same
 * lines, report and checked copies as the same files checked one at a time, in the listing's
 * order, every file once, and a file that cannot be read does not stop the others.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadCases } from '../helpers/cases';
import { assertBuilt, readJson, runCli, sha256, tempDir, type RunResult } from '../helpers/cli';
import { writeList } from '../helpers/workbook';

jest.setTimeout(240_000);

const WORK = tempDir('ntm-awards-threads-');
afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

// Row counts by file, in the listing's order: the largest come late in the listing, so they are
// started first and the small ones before them finish first.
const SIZES = [1, 3, 1, 2, 12, 1, 20];
const args = ['--plan', 'thach-ha-2022', '--year', '2023'];

interface Runs {
  names: string[];
  folder: RunResult;
  folderJson: RunResult;
  single: RunResult[];
  singleJson: RunResult[];
}

let runs: Runs;
beforeAll(async () => {
  assertBuilt();
  const cases = loadCases('thach-ha-2022');
  const lists = path.join(WORK, 'lists');
  fs.mkdirSync(lists);
  const names: string[] = [];
  for (const [i, times] of SIZES.entries()) {
    const name = `xa-${String(i + 1).padStart(2, '0')}.xlsx`;
    await writeList(path.join(lists, name), { rows: Array.from({ length: times }, () => cases.rows.map((c) => c.cells)).flat(), title: i % 2 === 0 });
    names.push(name);
    // A damaged workbook in the middle of the listing.
    if (i === 2) {
      fs.writeFileSync(path.join(lists, 'xa-03b.xlsx'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300, 7)]));
      names.push('xa-03b.xlsx');
    }
  }
  const folder = await runCli(['check', 'lists', ...args, '--out', 'folder-out'], WORK);
  const folderJson = await runCli(['check', 'lists', ...args, '--out', 'folder-out-json', '--json', 'folder.json'], WORK);
  const single: RunResult[] = [];
  const singleJson: RunResult[] = [];
  for (const name of names) {
    const copy = name.replace(/\.xlsx$/, '.checked.xlsx');
    single.push(await runCli(['check', `lists/${name}`, ...args, '--out', `single-out/${copy}`], WORK));
    singleJson.push(await runCli(['check', `lists/${name}`, ...args, '--json', `single-${name}.json`], WORK));
  }
  runs = { names, folder, folderJson, single, singleJson };
});

test('the terminal shows each file once, in the listing’s order, as checked one at a time', () => {
  const { folder, single } = runs;
  const ok = single.filter((r) => r.exitCode !== 2);
  expect(folder.stdout).toBe(ok.map((r) => r.stdout).join(''));
  expect(folder.stderr).toBe(single.map((r) => r.stderr).join(''));
  expect(folder.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(folder.exitCode).toBe(2);
});

test('every readable file gets its checked copy, the same bytes as when checked alone', () => {
  const { names } = runs;
  const copies = names.filter((n) => n !== 'xa-03b.xlsx').map((n) => n.replace(/\.xlsx$/, '.checked.xlsx'));
  expect(fs.readdirSync(path.join(WORK, 'folder-out')).sort()).toEqual(copies);
  for (const copy of copies) expect(sha256(path.join(WORK, 'folder-out', copy))).toBe(sha256(path.join(WORK, 'single-out', copy)));
});

test('the JSON report lists every readable file once, in the listing’s order, with the rows of its own check', () => {
  const { names, folderJson } = runs;
  expect(folderJson.exitCode).toBe(2);
  const report = readJson<{ files: { file: string; rows: unknown[]; summary: unknown }[]; failed: { file: string }[] }>(path.join(WORK, 'folder.json'));
  const readable = names.filter((n) => n !== 'xa-03b.xlsx');
  expect(report.files.map((f) => f.file)).toEqual(readable.map((n) => path.join('lists', n)));
  expect(report.failed.map((f) => f.file)).toEqual([path.join('lists', 'xa-03b.xlsx')]);
  for (const f of report.files) {
    const alone = readJson<{ rows: unknown[]; summary: unknown }>(path.join(WORK, `single-${path.basename(f.file)}.json`));
    expect({ rows: f.rows, summary: f.summary }).toEqual({ rows: alone.rows, summary: alone.summary });
  }
});
