/**
 * The built pane opened in Chromium outside Excel (office.js unreachable, as offline): it offers a
 * file, checks it with the same engine as the command line, lists every nominee and downloads the
 * checked copy — with no page error, no CSP violation and no request beyond this machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runMerge } from '../../src/cli/merge';
import { keyReasons, reasonLines, RESULT_HEADERS, resultCells, STATUS_LABELS_VI } from '../../src/core/report';
import type { Status } from '../../src/core/evaluate';
import { shippedPlan } from '../../src/plans';
import { checkedCopy } from '../../src/xlsx/copy-input';
import { checkWorkbook } from '../../src/xlsx/check-workbook';
import { individualsList, LIST_PEOPLE } from '../helpers/lifesoft';
import { NAME, PROPOSED, SUBJECT, SUBMITTED, UNIT, writeList } from '../helpers/workbook';
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
    // The steps are built by the toggle handler after the click: wait for them, not for a time.
    await page.click('#results-table tbody tr:first-child details summary');
    await page.waitForFunction(() => document.querySelectorAll('#results-table tbody tr:first-child details li').length > 2);
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

    // The same patch writer run here in Node on the same bytes: the same cells.
    const same = new ExcelJS.Workbook();
    await same.xlsx.load((await checkedCopy(fs.readFileSync(file), checked, plan)) as unknown as ArrayBuffer);
    expect(contents(got)).toEqual(contents(same));

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

  test('"Gộp danh sách" on three picked files: one unreadable, one management-system export with DANHMUC codes, a duplicate across two; one workbook downloaded', async () => {
    const w = await openPane();
    const { page } = w;
    // A standard list (the thach-ha case workbook's layout) and a person also proposed by the company's export.
    const a = path.join(tmp, 'xa-thach-dai.xlsx');
    await writeList(a, {
      rows: [
        { [NAME]: 'UBND xã Thạch Đài', [SUBJECT]: 'Xã', [PROPOSED]: 'Giấy khen', [SUBMITTED]: '01/12/2023', 'Chấp hành tốt chủ trương, chính sách, pháp luật': 'Có', 'Mức đạt chuẩn': 'NTM nâng cao', 'Năm đạt chuẩn': 2023, 'Năm kế hoạch': 2023 },
        { [NAME]: 'Lê Văn Mười Bảy', [SUBJECT]: 'Cán bộ, công chức, viên chức', [UNIT]: 'Công ty Mẫu', [PROPOSED]: 'Giấy khen', [SUBMITTED]: '01/12/2023' },
      ],
    });
    const b = path.join(tmp, 'cong-ty-mau.xlsx');
    await individualsList([
      { name: 'LÊ VĂN MƯỜI BẢY', unit: 'Công ty  Mẫu', subject: LIST_PEOPLE[1][0], award: '7100003' },
      { name: 'Đỗ Thị Hoa', unit: 'Công ty Mẫu', subject: LIST_PEOPLE[0][0], award: '7100003' },
    ]).xlsx.writeFile(b);
    const c = path.join(tmp, 'thon-1.xlsx');
    fs.writeFileSync(c, 'STT;Họ và tên\n1;Nguyễn Văn A\n');
    const before = [a, b, c].map((f) => fs.readFileSync(f));

    await page.selectOption('#plan', 'thach-ha-2022');
    await page.selectOption('#round', 'annual');
    await page.fill('#year', '2023');
    expect(await page.isVisible('#merge')).toBe(true);
    await page.setInputFiles('#merge-files', [a, b, c]);
    await page.waitForFunction(() => /^3 tệp để gộp/.test(document.getElementById('merge-names')?.textContent ?? ''));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#merge')]);
    expect(download.suggestedFilename()).toBe('tong-hop.xlsx');
    await page.waitForFunction(() => /^Đã gộp/.test(document.getElementById('message')?.textContent ?? ''));
    const message = (await page.textContent('#message')) ?? '';
    expect(message).toMatch(/^Đã gộp 4 dòng đề nghị từ 2 tệp vào "tong-hop.xlsx"/);
    expect(message).toContain('; 2 dòng trùng lặp');
    expect(message).toContain('Không gộp — thon-1.xlsx: không phải tệp .xlsx');

    const saved = path.join(tmp, 'tong-hop.xlsx');
    await download.saveAs(saved);
    const got = new ExcelJS.Workbook();
    await got.xlsx.readFile(saved);
    const list = got.getWorksheet('Danh sách tổng hợp') as ExcelJS.Worksheet;
    const header = (list.getRow(3).values as unknown[]).slice(1).map(String);
    const col = (h: string) => header.indexOf(h) + 1;
    const rows: Record<string, string>[] = [];
    list.eachRow((row, n) => {
      if (n <= 3 || typeof row.getCell(1).value !== 'number') return; // title, header, section rows
      rows.push(Object.fromEntries(header.map((h) => [h, String(row.getCell(col(h)).value ?? '')])));
    });
    // Collectives first, then people by unit (then file, row); the export's codes read through its own DANHMUC sheet.
    expect(rows.map((r) => [r[NAME], r['Tệp nguồn'], r['Dòng nguồn']])).toEqual([
      ['UBND xã Thạch Đài', 'xa-thach-dai.xlsx', expect.any(String)],
      ['LÊ VĂN MƯỜI BẢY', 'cong-ty-mau.xlsx', '4'],
      ['Đỗ Thị Hoa', 'cong-ty-mau.xlsx', '5'],
      ['Lê Văn Mười Bảy', 'xa-thach-dai.xlsx', expect.any(String)],
    ]);
    expect(rows[1][SUBJECT]).toBe(LIST_PEOPLE[1][1]);
    expect(rows[2][SUBJECT]).toBe(LIST_PEOPLE[0][1]);
    // Results as the command line judges them: every row has one, the commune's is eligible.
    expect(rows[0]['Kết quả']).toBe(STATUS_LABELS_VI.eligible);
    // A provincial Bằng khen is governed by the province's rules, not by this plan.
    expect(rows[1]['Kết quả']).toBe(STATUS_LABELS_VI['not-covered']);
    for (const r of rows) expect(Object.values(STATUS_LABELS_VI)).toContain(r['Kết quả']);
    // The duplicate across the two files (name and unit after normalisation) names the other occurrence, on both rows.
    expect(rows[1]['Trùng lặp']).toBe(`Trùng với xa-thach-dai.xlsx, dòng ${rows[3]['Dòng nguồn']}`);
    expect(rows[3]['Trùng lặp']).toBe('Trùng với cong-ty-mau.xlsx, dòng 4');
    expect([rows[0]['Trùng lặp'], rows[2]['Trùng lặp']]).toEqual(['', '']);

    // The summary across files: per file × result, and the unreadable file with its reason.
    const summary = got.getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
    const lines: string[][] = [];
    summary.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(lines[1][0]).toMatch(/2 tệp gộp, 1 tệp không đọc được; kiểm tra bằng ntm-awards \d+\.\d+\.\d+$/);
    const at = lines.findIndex((l) => l[0] === 'Theo tệp × kết quả');
    expect(lines[at + 2][0]).toBe('cong-ty-mau.xlsx');
    expect(lines[at + 2][lines[at + 2].length - 1]).toBe('2');
    expect(lines[at + 3][0]).toBe('xa-thach-dai.xlsx');
    const failed = lines.findIndex((l) => l[0] === 'Tệp không đọc được (không gộp)');
    expect(failed).toBeGreaterThan(0);
    expect(lines[failed + 2]).toEqual(['thon-1.xlsx', 'thon-1.xlsx: không phải tệp .xlsx (tệp CSV hay tệp khác đổi tên?); mở bằng Excel và lưu lại dạng .xlsx.']);

    // The command line's --merge on the same three files writes the same merged list, cell for cell.
    const folder = path.join(tmp, 'ho-so');
    fs.mkdirSync(folder);
    for (const f of [a, b, c]) fs.copyFileSync(f, path.join(folder, path.basename(f)));
    const cliOut = path.join(tmp, 'tong-hop-cli.xlsx');
    await runMerge({ command: 'check', input: folder, plan: 'thach-ha-2022', round: 'annual', year: 2023, map: {}, blankIsNo: false, force: false, quiet: false, merge: cliOut }, { write: () => true });
    const cli = new ExcelJS.Workbook();
    await cli.xlsx.readFile(cliOut);
    expect(contents(got)['Danh sách tổng hợp']).toEqual(contents(cli)['Danh sách tổng hợp']);

    // The picked files were only read.
    expect([a, b, c].map((f) => fs.readFileSync(f).equals(before[[a, b, c].indexOf(f)]))).toEqual([true, true, true]);
    expectClean(w);
    await w.context.close();
  });

  test('"Gộp danh sách" with no file picked says what to do', async () => {
    const w = await openPane();
    await w.page.click('#merge');
    await w.page.waitForSelector('#message.error');
    expect(await w.page.textContent('#message')).toBe('Chọn các tệp .xlsx cần gộp (chọn nhiều tệp cùng lúc) trước khi bấm "Gộp danh sách".');
    expectClean(w);
    await w.context.close();
  });
});
