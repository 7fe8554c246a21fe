/**
 * Done-when of issue 21, on the lists of every shipped plan and the project's sample template (a
 * full catalogue): every eligible nominee is written, or blocked only on a value the mapping file
 * names; once each of those rows is chosen, every eligible nominee is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { SAMPLE_AWARDS, SAMPLE_SUBJECTS } from '../../scripts/sample-template';
import type { ExportCommand } from '../../src/cli/args';
import { runExport } from '../../src/cli/export';
import { loadCases, PLAN_IDS } from '../helpers/cases';
import { NAME, writeList } from '../helpers/workbook';

const TEMPLATE = path.resolve(__dirname, '../../samples/mau-nhap-lifesoft.xlsx');
let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-export-plans-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Reported {
  name: string;
  status: string;
  why: string[];
}

test.each(PLAN_IDS)('%s: each eligible nominee written, or blocked on a value the mapping file names; then all written', async (plan) => {
  const cases = loadCases(plan);
  const work = path.join(dir, plan);
  fs.mkdirSync(work);
  const list = path.join(work, 'ds.xlsx');
  await writeList(list, { rows: cases.rows.map((c) => c.cells) });
  const eligible = cases.rows.filter((c) => c.expect.status === 'eligible').map((c) => c.cells[NAME]);
  const cmd: ExportCommand = {
    command: 'export',
    input: list,
    plan,
    round: cases.run.round as ExportCommand['round'],
    year: cases.run.year,
    map: {},
    blankIsNo: false,
    force: false,
    quiet: false,
    to: 'lifesoft',
    template: TEMPLATE,
    out: path.join(work, 'nhap.xlsx'),
    json: path.join(work, 'bao-cao.json'),
  };
  await runExport(cmd, { write: () => true });
  const report = JSON.parse(fs.readFileSync(cmd.json!, 'utf8'));
  const exported = (report.nominees as Reported[]).filter((n) => n.status === 'written' || n.status === 'blocked');
  expect(exported.map((n) => n.name).sort()).toEqual([...eligible].sort());

  // Each blocked row is named in the mapping file, under each value that blocked it.
  const mapping = new ExcelJS.Workbook();
  if (report.mappingFile) await mapping.xlsx.readFile(report.mappingFile);
  const sheet = mapping.getWorksheet('Đối chiếu');
  const rows: { kind: string; value: string; rows: string }[] = [];
  sheet?.eachRow((row, r) => {
    if (r > 4) rows.push({ kind: String(row.getCell(2).value), value: String(row.getCell(3).value), rows: String(row.getCell(7).value ?? '') });
  });
  for (const n of exported.filter((e) => e.status === 'blocked')) {
    const where = (report.nominees as (Reported & { file: string; row: number })[]).find((x) => x.name === n.name)!;
    for (const why of n.why) {
      const [, kind, value] = /^(.+?) “(.+?)”: /.exec(why) ?? [];
      const row = rows.find((r) => r.kind === kind && r.value === value);
      expect([n.name, why, row?.rows.includes(`${where.file}, dòng ${where.row}`)]).toEqual([n.name, why, true]);
    }
  }

  // The office chooses every row once (here: the first entry of its kind); then every eligible nominee is written.
  if (sheet) {
    sheet.eachRow((row, r) => {
      if (r > 4) row.getCell(4).value = row.getCell(2).value === 'Phân loại đối tượng' ? SAMPLE_SUBJECTS[0][0] : SAMPLE_AWARDS[0][0];
    });
    await mapping.xlsx.writeFile(path.join(work, 'da-chon.xlsx'));
  }
  const second = await runExport({ ...cmd, out: path.join(work, 'nhap-2.xlsx'), json: path.join(work, 'bao-cao-2.json'), mapping: sheet ? path.join(work, 'da-chon.xlsx') : undefined }, { write: () => true });
  const report2 = JSON.parse(fs.readFileSync(path.join(work, 'bao-cao-2.json'), 'utf8'));
  expect(report2.summary).toMatchObject({ eligible: eligible.length, written: eligible.length, blocked: 0 });
  expect(second.exitCode).toBe(0);
});
