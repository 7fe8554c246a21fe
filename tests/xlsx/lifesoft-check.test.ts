/**
 * Management-system lists (issue 10) are checked like any list: codes resolved through the
 * workbook's own catalogue, an unknown code unreadable (row incomplete, column missing), no code
 * missing — the same in the streaming command-line path and the in-memory path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { removeTemporaries, streamCheck } from '../../src/cli/stream-check';
import { COL } from '../../src/core/columns';
import { shippedPlan } from '../../src/plans';
import { checkWorkbook } from '../../src/xlsx/check-workbook';
import { collectivesList, individualsList } from '../helpers/lifesoft';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-lifesoft-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const plan = shippedPlan('thach-ha-2022')!;
const opts = { round: 'annual' as const, year: 2023 };

async function both(name: string, wb: ExcelJS.Workbook) {
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  const streamed = await streamCheck(file, plan, opts);
  if ('problem' in streamed) throw new Error(streamed.problem);
  const rows = JSON.parse(`[${fs.readFileSync(streamed.rowsJsonFile, 'utf8')}]`);
  removeTemporaries(streamed);
  const read = new ExcelJS.Workbook();
  await read.xlsx.readFile(file);
  const memory = checkWorkbook(read, file, plan, opts);
  if ('problem' in memory) throw new Error(memory.problem);
  expect(rows).toEqual(JSON.parse(JSON.stringify(memory.report.rows)));
  expect(streamed.sheet).toBe('DANHSACH');
  return memory.report.rows;
}

test('individuals: each code resolved through DANHMUC; unknown code unreadable; no code missing', async () => {
  const rows = await both(
    'individuals.xlsx',
    individualsList([
      { name: 'Lê Văn Một', unit: 'Sở Mẫu', subject: '7300002', award: '7100003' },
      { name: 'Hoàng Thị Hai', unit: 'Xã Mẫu', subject: '7300003', award: '7100004', title: '7200002' },
      { name: 'Trần Văn Ba', unit: 'Sở Mẫu', subject: '7399999', award: '7100003' },
      { name: 'Phạm Thị Bốn', unit: 'Sở Mẫu', subject: '7300001' },
    ]),
  );
  expect(rows.map((r) => [r.row, r.name, r.subject, r.proposed])).toEqual([
    [4, 'Lê Văn Một', 'nguoi-lao-dong', 'bang-khen-tinh'],
    [5, 'Hoàng Thị Hai', 'ho-gia-dinh', 'giay-khen'],
    [6, 'Trần Văn Ba', null, 'bang-khen-tinh'],
    [7, 'Phạm Thị Bốn', 'can-bo', null],
  ]);
  expect(rows[2].status).toBe('incomplete');
  expect(rows[2].missing).toContain(COL.subject);
  expect(rows[2].unreadable).toEqual([expect.objectContaining({ column: COL.subject, raw: expect.stringContaining('7399999') })]);
  expect(rows[3].status).toBe('incomplete');
  expect(rows[3].missing).toContain(COL.proposed);
  expect(rows[3].unreadable).toEqual([]);
});

test('collectives: the catalogue of the file at hand decides, not another version\'s codes', async () => {
  // The same codes, swapped meanings: the result follows each file's own catalogue.
  const list = [{ name: 'Công ty Mẫu', subject: '7400001', award: '7100003' }];
  const a = await both('collectives-a.xlsx', collectivesList(list));
  const b = await both(
    'collectives-b.xlsx',
    collectivesList(list, [
      ['7400001', 'Hợp tác xã'],
      ['7400002', 'Doanh nghiệp'],
    ]),
  );
  expect(a[0]).toMatchObject({ row: 4, subject: 'doanh-nghiep', proposed: 'bang-khen-tinh' });
  expect(b[0]).toMatchObject({ row: 4, subject: 'hop-tac-xa', proposed: 'bang-khen-tinh' });
});
