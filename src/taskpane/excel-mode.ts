/**
 * The pane inside Excel: wires the view's buttons to the adapter's actions (one Excel.run each) and
 * keeps the options and manual column mappings in the workbook's settings, the shared contract the
 * custom functions read too.
 *
 * Those settings are not arguments of the NTM.* formulas, so Excel never marks their cells dirty when
 * they change: after every change (and after "Xóa kết quả") the pane asks Excel for a full
 * recalculation, and the cells show the new plan's results without the user pressing anything.
 */
import type { CompiledPlan } from '../core/compile';
import type { PlanSet } from '../core/plan-set';
import type { Decision } from '../core/evaluate';
import type { Namer } from '../core/report';
import { detectHeader } from '../core/headers';
import { templateModel } from '../core/template';
import { readSettings, SaveFailed, writeSettings, type AddinSettings, type SettingsStore } from '../functions/settings';
import { shippedPlan } from '../plans';
import type { Nominee } from '../xlsx/lifesoft-export';
import { offerDownload, startExportPanel } from './catalogue-panel';
import type { ExcelAdapter } from './excel-adapter';
import { loadChoices, saveChoices } from './mapping-store';
import { failureText, TEXT } from './messages';
import { planChoices, runContext } from './options';
import { HIGHER_FILE, HIGHER_SHEET, HIGHER_SHEET_NAME, judgedByText, withHigher } from './higher-plan';
import { FILE_PLAN, planFromFile, planFromSheet, planSheetLayout, SHEET_PLAN, type PlanRead } from './plan-sheet';
import { templateLayout } from './results-model';
import type { PaneOptions, PaneView } from './ui';

/** How the merged list names the open workbook in "Tệp nguồn" and "Trùng lặp" (Office.js 1.11 gives no file name). */
export const MERGE_FILE = 'Sổ này';

export class ExcelPane {
  /** The last check's decisions, so that selecting a row explains it without reading the sheet again. */
  private last?: { sheetId: string; byRow: Map<number, Decision>; namers: Map<number, Namer | undefined>; planNames: Map<number, string> };
  /** The plan file the user chose in this session (never saved: the functions cannot read it). */
  private file?: { name: string; plan: CompiledPlan };
  /** The higher plan file chosen in this session ("Kế hoạch cấp trên", issue 18). */
  private higherFile?: { name: string; plan: CompiledPlan };

  constructor(
    private readonly view: PaneView,
    private readonly adapter: ExcelAdapter,
    private readonly store: SettingsStore,
  ) {}

  async start(): Promise<void> {
    const v = this.view;
    v.setMode('excel');
    v.fillPickers(planChoices(), readSettings(this.store));
    v.addPlanSources(SHEET_PLAN, FILE_PLAN);
    v.onOptionsChange((o) => {
      void this.saveOptions(o);
      // Choosing the workbook's plan checks that sheet at once, so its problems show before a check.
      if (o.plan === SHEET_PLAN) void this.act('Đọc kế hoạch', async () => void (await this.plan()));
    });
    v.onPlanFile((name, bytes) => void this.act('Đọc tệp kế hoạch', () => this.loadPlanFile(name, bytes)));
    v.addHigherSources(HIGHER_SHEET, HIGHER_FILE);
    // The workbook's higher-plan sheet, chosen earlier, is saved by its name (what the functions take).
    if (readSettings(this.store).higherPlan === HIGHER_SHEET_NAME) v.selectHigherPlan(HIGHER_SHEET);
    v.onHigherPlanFile((name, bytes) => void this.act('Đọc kế hoạch cấp trên', () => this.loadHigherFile(name, bytes)));
    v.insertPlanButton.addEventListener('click', () => void this.act('Chèn trang kế hoạch', () => this.insertPlanSheet()));
    v.checkButton.addEventListener('click', () => void this.act('Kiểm tra', () => this.check()));
    v.exportButton.addEventListener('click', () => void this.act('Xuất tổng hợp', () => this.exportSummary()));
    v.templateButton.addEventListener('click', () => void this.act('Tạo mẫu', () => this.insertTemplate()));
    v.mergeButton.addEventListener('click', () => void this.act('Gộp danh sách', () => this.merge()));
    v.clearButton.addEventListener('click', () => void this.act('Xóa kết quả', () => this.clear()));
    v.previewButton.addEventListener('click', () => void this.act('Xem cột', () => this.preview()));
    // Issue 21: the workbook's lists into an import template; the catalogue choices kept in this workbook.
    // (Only where the page has the box: the pane's unit tests drive a view without a document.)
    const doc = typeof document === 'undefined' ? undefined : document;
    if (doc?.getElementById('lifesoft')) startExportPanel({
      doc,
      // The merge's reader gives checked rows with their whole decisions.
      nominees: (plans, ctx) => this.adapter.merge.readNominees(plans, ctx, MERGE_FILE) as Promise<Nominee[]>,
      store: { load: () => loadChoices(this.store), save: (c) => saveChoices(this.store, c) },
      run: async () => {
        const req = await this.request();
        return req ? { plans: req.plans, ctx: req.ctx } : undefined;
      },
      act: (name, action) => this.act(name, action),
      offer: offerDownload,
      info: (t) => v.info(t),
      error: (t) => v.error(t),
    });
    v.setBusy(false);
    v.info('');
    await this.adapter.watchSelection(() => void this.explainSelection());
  }

  private settings(): AddinSettings {
    return readSettings(this.store);
  }

  /** Save the options; undefined when the document holds them, else the message the user was shown. */
  private async saveOptions(o: PaneOptions): Promise<string | undefined> {
    const before = this.settings();
    const { mappings } = before;
    // Only what the NTM.* functions can read is saved: a shipped plan's id, and the higher plan as a
    // shipped id or the workbook's "Kế hoạch cấp trên" sheet by name (issue 18), so that formulas
    // naming no plan judge with the pane's plans. A plan file stays in this session.
    const { plan, higherPlan, ...rest } = o;
    const shipped = plan && shippedPlan(plan) ? { plan } : {};
    const higher = higherPlan === HIGHER_SHEET ? HIGHER_SHEET_NAME : higherPlan && shippedPlan(higherPlan) ? higherPlan : undefined;
    return this.saveSettings({ ...rest, ...shipped, ...(higher ? { higherPlan: higher } : {}), ...(mappings ? { mappings } : {}) }, before);
  }

  /**
   * Write the settings, then have Excel recalculate when they changed what the functions compute.
   * A failed save still leaves them in the session's memory, which the functions read, so the cells
   * recalculate either way; the user learns that the workbook will not keep them.
   */
  private async saveSettings(next: AddinSettings, before: AddinSettings): Promise<string | undefined> {
    let problem: string | undefined;
    try {
      await writeSettings(this.store, next);
    } catch (e) {
      problem = e instanceof SaveFailed ? TEXT.optionsNotSaved(e.detail) : failureText('Lưu tùy chọn', e);
      this.view.error(problem);
    }
    if (JSON.stringify(next) !== JSON.stringify(before)) await this.recalculate();
    return problem;
  }

  private async recalculate(): Promise<void> {
    try {
      await this.adapter.recalculate();
    } catch (e) {
      this.view.error(failureText('Tính lại các hàm NTM', e));
    }
  }

  private async act(name: string, action: () => Promise<void>): Promise<void> {
    this.view.setBusy(true);
    try {
      await action();
    } catch (e) {
      this.view.error(failureText(name, e));
    } finally {
      this.view.setBusy(false);
    }
  }

  /**
   * The chosen plan: a shipped one, the workbook's plan sheet (read and checked now, so edits count;
   * on problems all are listed and the first one's cell selected), or the plan file read earlier.
   * Undefined once the user has been told why there is none.
   */
  private async plan(): Promise<CompiledPlan | undefined> {
    const id = this.view.readOptions().plan;
    if (id === FILE_PLAN) {
      if (!this.file) this.view.error(TEXT.choosePlanFile);
      return this.file?.plan;
    }
    if (id !== SHEET_PLAN) {
      const plan = id ? shippedPlan(id) : undefined;
      if (!plan) this.view.error(TEXT.choosePlan);
      return plan;
    }
    this.view.busy(TEXT.reading);
    const sheet = await this.adapter.plans.readPlanSheet();
    if (!sheet) return void this.view.error(TEXT.noPlanSheet);
    const read = planFromSheet(sheet);
    if (!read.ok) {
      this.view.error(TEXT.planProblems(`Trang "${sheet.name}"`, read.problems.length, read.problems));
      if (read.first) await this.adapter.plans.selectCell(read.first.sheet, read.first.cell);
      return undefined;
    }
    this.view.info(TEXT.planSheetOk(sheet.name, read.plan.plan.title));
    return read.plan;
  }

  private async loadPlanFile(name: string, bytes: ArrayBuffer): Promise<void> {
    const read: PlanRead = await planFromFile(name, bytes);
    if (!read.ok) return this.view.error(TEXT.planProblems(`Tệp "${name}"`, read.problems.length, read.problems).replace(' (ô của lỗi đầu tiên đã được chọn)', ''));
    this.file = { name, plan: read.plan };
    this.view.addPlanSources(SHEET_PLAN, FILE_PLAN, name);
    this.view.selectPlan(FILE_PLAN);
    this.view.showPlanConditions(read.plan);
    await this.saveOptions(this.view.readOptions());
    this.view.info(TEXT.planFileOk(name, read.plan.plan.title));
  }

  /** "Chèn trang kế hoạch": the chosen shipped plan (or plan file) as the one-sheet plan layout. */
  private async insertPlanSheet(): Promise<void> {
    const id = this.view.readOptions().plan;
    const plan = id === FILE_PLAN ? this.file?.plan : id && id !== SHEET_PLAN ? shippedPlan(id) : undefined;
    if (!plan) return this.view.error(TEXT.chooseShippedForSheet);
    const sheet = await this.adapter.plans.insertPlanSheet(planSheetLayout(plan.plan));
    this.view.info(TEXT.planSheetInserted(sheet, plan.plan.id));
  }

  private async request() {
    const options = this.view.readOptions();
    const plan = await this.plan();
    if (!plan) return null;
    const higher = await this.higherPlan(options.higherPlan);
    if (higher === null) return null;
    const together = withHigher(plan, higher);
    if (!together.ok) {
      this.view.error(together.message);
      return null;
    }
    const mappings = this.settings().mappings ?? {};
    return { plan, plans: together.plans, ctx: runContext(options), manualFor: (sheet: string) => mappings[sheet]?.manual };
  }

  /** The higher plan chosen: undefined for none, null once the user has been told why it cannot be read. */
  private async higherPlan(choice: string | undefined): Promise<CompiledPlan | undefined | null> {
    if (!choice) return undefined;
    const told = (message: string): null => {
      this.view.error(message);
      return null;
    };
    if (choice === HIGHER_FILE) return this.higherFile?.plan ?? told(TEXT.choosePlanFile);
    if (choice !== HIGHER_SHEET) return shippedPlan(choice) ?? told(TEXT.choosePlan);
    const sheet = await this.adapter.plans.readPlanSheet(HIGHER_SHEET_NAME);
    if (!sheet) return told(`Không thấy trang “${HIGHER_SHEET_NAME}” trong sổ này; chèn kế hoạch cấp trên thành trang có tên đó.`);
    const read = planFromSheet(sheet);
    if (!read.ok) {
      this.view.error(TEXT.planProblems(`Trang "${sheet.name}"`, read.problems.length, read.problems));
      if (read.first) await this.adapter.plans.selectCell(read.first.sheet, read.first.cell);
      return null;
    }
    return read.plan;
  }

  private async loadHigherFile(name: string, bytes: ArrayBuffer): Promise<void> {
    const read: PlanRead = await planFromFile(name, bytes);
    if (!read.ok) return this.view.error(TEXT.planProblems(`Tệp "${name}"`, read.problems.length, read.problems).replace(' (ô của lỗi đầu tiên đã được chọn)', ''));
    this.higherFile = { name, plan: read.plan };
    // The functions cannot read a file: the plan goes into the workbook as its "Kế hoạch cấp trên"
    // sheet, chosen and saved, so formulas and a colleague opening the workbook judge with it too.
    // A sheet of that name already there is the office's own: it is left as it is.
    if (!(await this.adapter.plans.readPlanSheet(HIGHER_SHEET_NAME))) {
      const sheet = await this.adapter.plans.insertPlanSheet(planSheetLayout(read.plan.plan), { name: HIGHER_SHEET_NAME, activate: false });
      this.view.addHigherSources(HIGHER_SHEET, HIGHER_FILE, name);
      this.view.selectHigherPlan(HIGHER_SHEET);
      await this.saveOptions(this.view.readOptions());
      return this.view.info(TEXT.higherSheetInserted(name, read.plan.plan.title, sheet));
    }
    this.view.addHigherSources(HIGHER_SHEET, HIGHER_FILE, name);
    // The pane now judges by the file, the functions still by the sheet: the user is told both.
    this.view.info(TEXT.higherFileBesideSheet(name, read.plan.plan.title, HIGHER_SHEET_NAME));
  }

  private async check(): Promise<void> {
    const req = await this.request();
    if (!req) return;
    // The options checked with become the workbook's: the NTM.* functions default to the same plan.
    const optionsProblem = await this.saveOptions(this.view.readOptions());
    this.view.busy(TEXT.checking);
    const done = await this.adapter.check(req);
    if (!done.ok) {
      this.view.showCounts(null);
      return this.view.error(done.message);
    }
    const byRow = new Map(done.check.items.map((i) => [i.row, i.decision]));
    const namers = new Map(done.check.items.map((i) => [i.row, i.namer ?? req.plan]));
    // Several plans: the row's explanation names the plan that judged it (issue 18).
    const planNames = new Map(done.check.items.flatMap((i) => (i.planName ? [[i.row, i.planName] as const] : [])));
    this.last = { sheetId: done.sheetId, byRow, namers, planNames };
    this.view.showCounts(done.check.summary);
    this.view.showMapping(done.sheetName, done.check.match, req.plans.registry, criterionColumns(req.plans), (col, header) => void this.remap(done.sheetName, col, header));
    const text = `Đã kiểm tra trang "${done.sheetName}".${done.note ? ` ${done.note}` : ''} ${judgedByText(req.plans)}`;
    const problems = [optionsProblem, done.unsaved && TEXT.recordNotSaved(done.unsaved)].filter(Boolean);
    if (problems.length) this.view.error([text, ...problems].join(' '));
    else this.view.info(text);
    await this.explainSelection();
  }

  private async exportSummary(): Promise<void> {
    const req = await this.request();
    if (!req) return;
    this.view.busy(TEXT.checking);
    const done = await this.adapter.exportSummary(req);
    if (!done.ok) return this.view.error(done.message);
    this.view.showCounts(done.check.summary);
    if (done.unsaved) this.view.error(`${TEXT.summaryDone(done.summarySheet)} ${TEXT.recordNotSaved(done.unsaved)}`);
    else this.view.info(TEXT.summaryDone(done.summarySheet));
  }

  /** "Gộp danh sách": every list sheet of this workbook as one new sheet, duplicates flagged; the user's sheets only read. */
  private async merge(): Promise<void> {
    const req = await this.request();
    if (!req) return;
    this.view.busy(TEXT.reading);
    const done = await this.adapter.merge.mergeWorkbook(req.plans, req.ctx, MERGE_FILE);
    const skipped = done.skipped.map((s) => s.sheet);
    if (!done.merged.length) return this.view.error(TEXT.nothingToMerge(skipped));
    this.view.info(TEXT.merged(done.sheet, done.nominees, done.merged.map((s) => s.sheet), done.duplicates, skipped));
  }

  private async insertTemplate(): Promise<void> {
    const plan = await this.plan();
    if (!plan) return;
    const sheet = await this.adapter.insertTemplate(templateLayout(templateModel(plan)));
    this.view.info(TEXT.templateDone(sheet));
  }

  private async clear(): Promise<void> {
    const done = await this.adapter.clear();
    this.last = undefined;
    this.view.showCounts(null);
    this.view.showReasons(0, null, TEXT.selectRow);
    if (!done) return this.view.info(TEXT.nothingToClear);
    // The NTM.* cells show results again from the current settings, not values left from before.
    await this.recalculate();
    const problems = [...done.moved.map((s) => TEXT.moved(s)), ...(done.unsaved ? [TEXT.clearNotSaved(done.unsaved)] : [])];
    if (problems.length) return this.view.error(problems.join(' '));
    this.view.info(TEXT.cleared);
  }

  /** The mapping preview of the active sheet, with the saved manual overrides applied. */
  private async preview(): Promise<void> {
    const req = await this.request();
    if (!req) return;
    this.view.busy(TEXT.reading);
    const grid = await this.adapter.readSample();
    // The columns of every plan judging the list, as the check finds them (issue 18).
    const match = grid.rows.length ? detectHeader({ name: grid.sheetName, rows: grid.rows, merges: grid.merges }, req.plans.registry, req.manualFor(grid.sheetName)) : null;
    this.view.showMapping(grid.sheetName, match, req.plans.registry, criterionColumns(req.plans), (col, header) => void this.remap(grid.sheetName, col, header));
    this.view.info('');
  }

  /** A manual override, saved per sheet: this column letter is that standard column (or back to automatic). */
  private async remap(sheet: string, column: string, header: string | null): Promise<void> {
    await this.act('Lưu cột', async () => {
      const settings = this.settings();
      const manual = { ...(settings.mappings?.[sheet]?.manual ?? {}) };
      for (const [h, target] of Object.entries(manual)) if (target.toUpperCase() === column || h === header) delete manual[h];
      if (header) manual[header] = column;
      const mappings = { ...(settings.mappings ?? {}), [sheet]: { manual } };
      if (await this.saveSettings({ ...settings, mappings }, settings)) return;
      await this.preview();
    });
  }

  private async explainSelection(): Promise<void> {
    try {
      if (!this.last) return this.view.showReasons(0, null, TEXT.selectRow);
      const sel = await this.adapter.selection();
      if (sel.sheetId !== this.last.sheetId) return this.view.showReasons(0, null, TEXT.selectRow);
      const d = this.last.byRow.get(sel.row);
      this.view.showReasons(sel.row, d ?? null, d ? undefined : TEXT.notChecked, this.last.namers.get(sel.row), this.last.planNames.get(sel.row));
    } catch {
      // A chart or shape selected has no row: the panel says what to select instead.
      this.view.showReasons(0, null, TEXT.selectRow);
    }
  }
}

/** The columns any plan of the set reads in its criteria, once each, the list's own plan's first. */
function criterionColumns(set: PlanSet): string[] {
  return [...new Set(set.plans.flatMap((p) => p.criterionColumns))];
}
