/**
 * The built pane opened in Chromium outside Excel (office.js unreachable, as offline): it offers a
 * file, checks it with the same engine as the command line, lists every nominee and downloads the
 * checked copy — with no page error, no CSP violation and no request beyond this machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { keyReasons, reasonLines, RESULT_HEADERS, resultCells, STATUS_LABELS_VI } from '../../src/core/report';
import type { Status } from '../../src/core/evaluate';
import { shippedPlan } from '../../src/plans';
import { addCheckedResults } from '../../src/xlsx/checked-copy';
import { checkWorkbook } from '../../src/xlsx/check-workbook';
import { expectClean, openPane as open, startHarness, WORKBOOKS, type Harness, type Watched } from './harness';

jest.setTimeout(60_000);

let h: Harness;
let tmp: string;

beforeAll(async () => {
  h = await startHarness();
  // The shared folder is read-only in CI: work on copies.
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-pane-'));
});

afterAll(async () => {
  await h?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The pane with office.js unreachable (offline, or a browser without Office): the file mode. */
async function openPane(): Promise<Watched> {
  const w = await open(h);
  await w.page.waitForSelector('#file-box:not([hidden])');
  return w;
}

function copyCase(name: string): string {
  const to = path.join(tmp, name);
  fs.copyFileSync(path.join(WORKBOOKS, name), to);
  return to;
}

/** Every cell value of every sheet, for comparing two workbooks. */
function contents(wb: ExcelJS.Workbook): Record<string, [string, unknown][]> {
  const out: Record<string, [string, unknown][]> = {};
  for (const ws of wb.worksheets) {
    const cells: [string, unknown][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => cells.push([c.address, c.value])));
    out[ws.name] = cells;
  }
  return out;
}

describe('the pane outside Excel', () => {
  test('checks thach-ha-2022.xlsx, shows every nominee, and downloads the same checked copy as the command line', async () => {
    const w = await openPane();
    const { page } = w;
    expect(await page.textContent('label[for=file]')).toBe('Chọn tệp');
    const file = copyCase('thach-ha-2022.xlsx');
    await page.setInputFiles('#file', file);
    await page.selectOption('#plan', 'thach-ha-2022');
    await page.selectOption('#round', 'annual');
    await page.fill('#year', '2023');
    await page.click('#check');
    await page.waitForSelector('#results-table tbody tr');

    const expected = JSON.parse(fs.readFileSync(path.join(WORKBOOKS, 'thach-ha-2022.expected.json'), 'utf8')) as {
      rows: Record<string, { name: string; status: Status }>;
    };
    const shown = await page.$$eval('#results-table tbody tr', (trs) =>
      trs.map((tr) => ({
        row: Number((tr as HTMLElement).dataset.row),
        status: (tr as HTMLElement).dataset.status,
        cells: Array.from(tr.children).map((td) => td.textContent ?? ''),
        reasons: Array.from(tr.querySelectorAll('td:last-child > ul.reasons > li')).map((li) => li.textContent ?? ''),
      })),
    );
    // The command line's check of the same file, in Node: what the page must show, text for text.
    const plan = shippedPlan('thach-ha-2022')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const checked = checkWorkbook(wb, file, plan, { round: 'annual', year: 2023 });
    if ('problem' in checked) throw new Error(checked.problem);
    const byRow = new Map(checked.items.map((i) => [i.row, i.decision]));

    expect(shown.map((r) => r.row)).toEqual(Object.keys(expected.rows).map(Number));
    expect(shown).toHaveLength(12);
    for (const r of shown) {
      const e = expected.rows[String(r.row)];
      const d = byRow.get(r.row)!;
      expect([r.row, r.status]).toEqual([r.row, e.status]);
      expect(r.cells[1]).toBe(e.name);
      expect(r.cells[2]).toBe(STATUS_LABELS_VI[e.status]);
      expect(r.cells.slice(3, 6)).toEqual(resultCells(d).slice(1, 4));
      // The decisive reasons with their citations, as core words them.
      expect(r.reasons).toEqual(reasonLines(keyReasons(d)));
    }
    expect(shown.filter((r) => r.reasons.some((l) => l.includes('[KH Thạch Hà 2022, mục '))).length).toBeGreaterThanOrEqual(10);
    expect(await page.textContent('#counts')).toMatch(/^12 dòng: /);
    expect(await page.getAttribute('#message', 'class')).not.toMatch(/error/);

    // Every step of a row, with citations, on demand.
    await page.click('#results-table tbody tr:first-child details summary');
    expect(await page.$$eval('#results-table tbody tr:first-child details li', (lis) => lis.length)).toBeGreaterThan(2);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('thach-ha-2022.checked.xlsx');
    const saved = path.join(tmp, download.suggestedFilename());
    await download.saveAs(saved);
    const got = new ExcelJS.Workbook();
    await got.xlsx.readFile(saved);
    const sheet = got.getWorksheet('Danh sách') as ExcelJS.Worksheet;
    expect(RESULT_HEADERS.map((_, i) => sheet.getCell(3, 25 + i).value)).toEqual([...RESULT_HEADERS]);
    for (const [row, e] of Object.entries(expected.rows)) expect(sheet.getCell(Number(row), 25).value).toBe(STATUS_LABELS_VI[e.status]);
    const summary = got.getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
    expect(summary).toBeDefined();
    expect(String(summary.getCell(1, 1).value)).toMatch(/^Tổng hợp kết quả kiểm tra — /);

    // The command line's --out, made here in Node by the same functions: the same cells.
    addCheckedResults(checked, plan);
    expect(contents(got)).toEqual(contents(wb));

    // The original stays as it was: the page only ever read it.
    expect(fs.readFileSync(file).equals(fs.readFileSync(path.join(WORKBOOKS, 'thach-ha-2022.xlsx')))).toBe(true);
    expectClean(w);
    await w.context.close();
  });

  test('a file that is not .xlsx gets a one-line Vietnamese message in the pane', async () => {
    const w = await openPane();
    const bad = path.join(tmp, 'danh-sach.xlsx');
    fs.writeFileSync(bad, 'STT;Tên tập thể, cá nhân\n1;UBND xã A\n');
    await w.page.setInputFiles('#file', bad);
    await w.page.click('#check');
    await w.page.waitForSelector('#message.error');
    expect(await w.page.textContent('#message')).toBe('danh-sach.xlsx: không phải tệp .xlsx (tệp CSV hay tệp khác đổi tên?); mở bằng Excel và lưu lại dạng .xlsx.');
    expect(await w.page.$$('#results-table tbody tr')).toHaveLength(0);
    expect(await w.page.isDisabled('#download')).toBe(true);
    expectClean(w);
    await w.context.close();
  });

  test('checking before choosing a file says so', async () => {
    const w = await openPane();
    await w.page.click('#check');
    await w.page.waitForSelector('#message.error');
    expect(await w.page.textContent('#message')).toBe('Chọn tệp .xlsx trước khi kiểm tra.');
    expectClean(w);
    await w.context.close();
  });
});
