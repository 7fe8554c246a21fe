/**
 * The pane and the page as people meet them: a 350-pixel pane and a 1280-pixel page (screenshots,
 * no control wider than its box), plans told apart by their short names, every control in
 * Vietnamese whatever the browser's language, axe-core's WCAG 2.1 AA rules, a whole check done
 * with the keyboard alone, and the pane on Excel 2016/2019 (ExcelApi 1.1–1.8, no shared runtime).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { TEXT } from '../../src/taskpane/messages';
import { caseBook } from '../taskpane/helpers';
import { fakeOfficeScript } from './fake-office';
import { expectClean, openPane, startHarness, WORKBOOKS, type Harness } from './harness';

jest.setTimeout(90_000);

let h: Harness;
let shots: string;

beforeAll(async () => {
  h = await startHarness();
  shots = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-shots-'));
});

afterAll(async () => {
  await h?.close();
  if (shots) fs.rmSync(shots, { recursive: true, force: true });
});

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now: the violations, by rule and element. */
async function axeViolations(page: Page): Promise<{ id: string; targets: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return { passes: (r as unknown as { passes: unknown[] }).passes.length, violations: r.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) })) };
  });
  // The rules did run (labels, contrast, names…), not an empty pass.
  expect(violations.passes).toBeGreaterThan(10);
  return violations.violations;
}

/** Visible controls whose content is wider than their box, or that reach past the window's right edge. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) out.push(`page ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('button, select, input:not(.file-input), label, .file-name, .plan-title, .message, .counts, h1, .app-footer p'))) {
      const r = el.getBoundingClientRect();
      if (!r.width || el.closest('[hidden]') || el.closest('.table-wrap')) continue;
      const name = `${el.tagName.toLowerCase()}#${el.id || el.className}`;
      if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'SELECT') out.push(`${name}: content ${el.scrollWidth} > box ${el.clientWidth}`);
      if (r.right > width + 1) out.push(`${name}: right edge ${Math.round(r.right)} > ${width}`);
    }
    return out;
  });
}

async function shoot(page: Page, name: string, width: number): Promise<void> {
  const file = path.join(process.env.NTM_SHOTS ?? shots, name);
  await page.screenshot({ path: file, fullPage: true });
  // A PNG as wide as the window asked for.
  const png = fs.readFileSync(file);
  expect(png.readUInt32BE(16)).toBe(width);
}

describe('the page outside Excel (index.html), 1280 px', () => {
  test('no office.js asked for; plans led by their short names with the full title under the picker; Vietnamese pickers; no overflow; no axe violation; the merge shows its own counts', async () => {
    // An English browser: the page's controls still read Vietnamese.
    const w = await openPane(h, undefined, { page: 'index.html', viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'en-US' });
    const { page } = w;
    await page.waitForSelector('#file-box:not([hidden])');
    expect(w.requests.filter((u) => u.includes('appsforoffice'))).toEqual([]);
    // No control whose text the browser writes in its own language (date pickers, "Choose File").
    expect(await page.$$eval('input', (is) => is.filter((i) => ['date', 'month', 'week', 'time', 'datetime-local'].includes(i.type)).map((i) => i.id))).toEqual([]);
    expect(await page.getAttribute('#deadline', 'placeholder')).toBe('ngày/tháng/năm');
    expect(await page.getAttribute('#year', 'placeholder')).toBe('tự động');

    const options = await page.$$eval('#plan option', (os) => os.map((o) => o.textContent ?? ''));
    expect(options.length).toBeGreaterThanOrEqual(5);
    for (const o of options) expect(o).toMatch(/^(KH|QĐ) [^—]+ — /);
    expect(new Set(options.map((o) => o.split(' — ')[0])).size).toBe(options.length);
    await page.selectOption('#plan', 'thach-ha-2022');
    const title = (await page.textContent('#plan-title')) ?? '';
    expect(options.find((o) => o.startsWith('KH Thạch Hà 2022 — '))).toBe(`KH Thạch Hà 2022 — ${title}`);
    expect(title).toMatch(/^Phong trào thi đua/);
    // Nothing hidden: every condition the chosen plan applies, as `plan show` prints it.
    const conditions = (await page.textContent('#plan-text')) ?? '';
    expect(conditions).toContain('CỘT BẮT BUỘC');
    expect(conditions).toContain('Giấy khen của Chủ tịch UBND huyện');
    expect(conditions).not.toMatch(/mức thành tích từ/i);
    // The browser's own "Choose File / No file chosen" never shows: the inputs are hidden behind Vietnamese labels.
    for (const id of ['file', 'merge-files', 'plan-file']) {
      expect(await page.$eval(`#${id}`, (el) => getComputedStyle(el).opacity)).toBe('0');
      expect(await page.textContent(`label[for=${id}]`)).toMatch(/^Chọn /);
    }
    expect(await page.textContent('#version')).toMatch(/^ntm-awards phiên bản \d+\.\d+\.\d+/);

    expect(await overflowing(page)).toEqual([]);
    await shoot(page, 'page-1280.png', 1280);
    expect(await axeViolations(page)).toEqual([]);

    // A check, then a merge: the counts shown are the merge's, not the check's.
    await page.fill('#year', '2023');
    await page.setInputFiles('#file', path.join(WORKBOOKS, 'thach-ha-2022.xlsx'));
    await page.click('#check');
    await page.waitForSelector('#counts:not([hidden])');
    expect(await page.textContent('#counts')).toMatch(/^12 dòng: /);
    expect(await axeViolations(page)).toEqual([]);
    const two = ['thach-ha-2022.xlsx', 'thach-ha-2022.xlsx'].map((f, i) => {
      const to = path.join(shots, `don-vi-${i + 1}.xlsx`);
      fs.copyFileSync(path.join(WORKBOOKS, f), to);
      return to;
    });
    await page.setInputFiles('#merge-files', two);
    await page.waitForFunction(() => /^2 tệp để gộp/.test(document.getElementById('merge-names')?.textContent ?? ''));
    await Promise.all([page.waitForEvent('download'), page.click('#merge')]);
    await page.waitForFunction(() => /^Đã gộp/.test(document.getElementById('message')?.textContent ?? ''));
    // Two copies of one 12-row list: 24 rows merged, every one a duplicate of the other file's.
    expect(await page.textContent('#counts')).toMatch(/^24 dòng: /);
    expect(await page.$$eval('#results-table tbody tr', (trs) => trs.length)).toBe(24);
    expect(await overflowing(page)).toEqual([]);
    expectClean(w);
    await w.context.close();
  });

  test('a whole check with the keyboard alone: tab order reaches the file picker and Kiểm tra, focus is visible, results are a labelled table', async () => {
    const w = await openPane(h, undefined, { page: 'index.html', viewport: { width: 1280, height: 900 } });
    const { page } = w;
    await page.waitForSelector('#file-box:not([hidden])');
    // Listen for the file chooser from the start: the browser only hands it over once listening is
    // set up, and a key pressed in the same moment would open the native dialog instead.
    const chooserShown = page.waitForEvent('filechooser', { timeout: 60_000 });
    const order: string[] = [];
    const tabTo = async (id: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const at = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || '');
        order.push(at);
        if (at === id) return;
      }
      throw new Error(`Tab never reached #${id}: ${order.join(' → ')}`);
    };
    await tabTo('plan');
    await page.keyboard.press('End'); // the last plan, by keyboard
    await tabTo('year');
    await page.keyboard.type('2023');
    await page.selectOption('#plan', 'thach-ha-2022'); // (the plan under test; the picker answered the keyboard above)
    await tabTo('file');
    // The hidden input's focus shows on its button-like label.
    expect(await page.$eval('label[for=file]', (l) => getComputedStyle(l).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Space');
    const chooser = await chooserShown;
    await chooser.setFiles(path.join(WORKBOOKS, 'thach-ha-2022.xlsx'));
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#check')?.disabled);
    await tabTo('check');
    expect(await page.$eval('#check', (b) => getComputedStyle(b).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#counts:not([hidden])');
    expect(await page.textContent('#counts')).toMatch(/^12 dòng: /);
    // A table with a name and column headers: what a screen reader reads row by row.
    expect(await page.getAttribute('#results-table', 'aria-label')).toBe('Kết quả kiểm tra từng dòng');
    // (One plan: the hidden "Kế hoạch xét" header is not read.)
    expect(await page.$$eval('#results-table thead th', (ths) => ths.filter((th) => !(th as HTMLElement).hidden).length)).toBe(7);
    expect(await page.getAttribute('#message', 'role')).toBe('status');
    expectClean(w);
    await w.context.close();
  });
});

describe('the pane in Excel, 350 px', () => {
  test('no overflow, screenshots and no axe violation before and after a check', async () => {
    const w = await openPane(h, fakeOfficeScript(await caseBook('thach-ha-2022')), { viewport: { width: 350, height: 900 }, bypassCSP: true });
    const { page } = w;
    await page.waitForSelector('#mapping:not([hidden])');
    expect(await page.isHidden('#host-note')).toBe(true);
    expect(await overflowing(page)).toEqual([]);
    await shoot(page, 'pane-350-before.png', 350);
    expect(await axeViolations(page)).toEqual([]);
    await page.selectOption('#plan', 'thach-ha-2022');
    await page.fill('#year', '2023');
    await page.click('#check');
    await page.waitForSelector('#counts:not([hidden])');
    await page.click('#preview');
    await page.waitForSelector('#mapping-body table');
    expect(await overflowing(page)).toEqual([]);
    await shoot(page, 'pane-350-after.png', 350);
    expect(await axeViolations(page)).toEqual([]);
    expectClean(w);
    await w.context.close();
  });
});

describe('the pane on Excel 2016/2019 (manifest-excel2016.xml): ExcelApi 1.1–1.8, no SharedRuntime', () => {
  test.each(['1.1', '1.8'])('ExcelApi %s: one Vietnamese line says the functions are absent; Kiểm tra, Xuất tổng hợp, Tạo mẫu and Xóa kết quả work', async (api) => {
    const book = await caseBook('thach-ha-2022');
    book.apiVersion = api;
    const w = await openPane(h, fakeOfficeScript(book, { sharedRuntime: false }), { viewport: { width: 350, height: 900 } });
    const { page } = w;
    await page.waitForSelector('#host-note:not([hidden])');
    expect(await page.textContent('#host-note')).toBe(TEXT.noFunctions);
    expect(TEXT.noFunctions).not.toContain('\n');
    await page.selectOption('#plan', 'thach-ha-2022');
    await page.fill('#year', '2023');
    await page.click('#check');
    await page.waitForSelector('#counts:not([hidden])');
    expect(await page.textContent('#counts')).toMatch(/^12 dòng: 5 Đủ điều kiện/);
    await page.click('#export');
    await page.waitForFunction(() => /^Đã thêm trang "Tổng hợp"/.test(document.querySelector('#message')?.textContent ?? ''));
    await page.click('#template');
    await page.waitForFunction(() => /^Đã thêm trang mẫu/.test(document.querySelector('#message')?.textContent ?? ''));
    await page.click('#clear');
    await page.waitForFunction(() => /^Đã xóa kết quả/.test(document.querySelector('#message')?.textContent ?? ''));
    expect(await overflowing(page)).toEqual([]);
    expectClean(w);
    await w.context.close();
  });
});
