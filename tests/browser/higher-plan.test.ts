/**
 * The page outside Excel with "Kế hoạch cấp trên" (issue 18): a commune's list checked with the
 * district's shipped plan and the province's plan read from a file; each row judged by the plan
 * governing its award form, and the page says exactly which plans judged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PRODUCT_VERSION } from '../../src/core/version';
import { COMMUNE, HIGHER_PLAN_FILE } from '../helpers/higher-plan';
import { NAME, PROPOSED, SUBJECT, writeList } from '../helpers/workbook';
import { expectClean, openPane, startHarness, type Harness } from './harness';

jest.setTimeout(60_000);

const FIXTURE = HIGHER_PLAN_FILE;
let h: Harness;
let tmp: string;

beforeAll(async () => {
  h = await startHarness();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-higher-'));
});

afterAll(async () => {
  await h?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const commune = { ...COMMUNE, [SUBJECT]: 'Xã' };

test('judges Bằng khen tỉnh by the province’s plan file and Giấy khen by the district’s plan', async () => {
  const list = path.join(tmp, 'ds-xa.xlsx');
  await writeList(list, {
    rows: [
      { ...commune, [NAME]: 'UBND xã Thạch Đài', [PROPOSED]: 'Giấy khen' },
      { ...commune, [NAME]: 'UBND xã Thạch Xuân', [PROPOSED]: 'Bằng khen của Chủ tịch UBND tỉnh' },
    ],
  });
  const w = await openPane(h);
  const { page } = w;
  await page.waitForSelector('#file-box:not([hidden])');
  await page.setInputFiles('#file', list);
  await page.selectOption('#plan', 'thach-ha-2022');
  const statuses = async () => page.$$eval('#results-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.status));

  // The district's plan alone hands Bằng khen tỉnh over.
  await page.click('#check');
  await page.waitForSelector('#results-table tbody tr');
  expect(await statuses()).toEqual(['eligible', 'not-covered']);
  // One plan: no "Kế hoạch xét" column.
  expect(await page.isHidden('#plan-col')).toBe(true);
  expect(await page.$$eval('#results-table tbody tr:first-child td', (tds) => tds.length)).toBe(7);

  await page.setInputFiles('#higher-plan-file', FIXTURE);
  await page.waitForSelector('#higher-plan option[value="@higher-file"]', { state: 'attached' });
  expect(await page.inputValue('#higher-plan')).toBe('@higher-file');
  await page.click('#check');
  await page.waitForFunction(() => document.querySelector('#results-table tbody tr:last-child')?.getAttribute('data-status') === 'eligible');
  expect(await statuses()).toEqual(['eligible', 'eligible']);
  // Two plans: each row names the plan that judged it, under "Kế hoạch xét".
  expect(await page.isVisible('#plan-col')).toBe(true);
  const column = await page.$$eval('#results-table thead th', (ths) => ths.findIndex((th) => th.textContent === 'Kế hoạch xét'));
  const plans = await page.$$eval('#results-table tbody tr', (trs, i) => trs.map((tr) => tr.children[i]?.textContent), column);
  expect(plans).toEqual(['KH Thạch Hà 2022', 'QĐ 3351 Hà Tĩnh']);
  const message = (await page.textContent('#message')) ?? '';
  expect(message).toContain('Xét theo: KH Thạch Hà 2022 — ');
  expect(message).toContain('QĐ 3351 Hà Tĩnh — số 3351/QĐ-UBND ngày 24/11/2021; giai đoạn 2021–2025; mã nội dung ');
  expect(message).toContain(`ntm-awards ${PRODUCT_VERSION}`);
  expectClean(w);
});
