/**
 * The same page outside Excel, for offices that cannot install add-ins: choose an .xlsx, check it
 * with the same engine as the command line, see every nominee, and download the checked copy
 * ("<name>.checked.xlsx") made by the command line's patch writer from the chosen file's bytes; or
 * pick several files and download them merged ("Gộp danh sách", file-merge.ts). Files are read in
 * the browser and never sent anywhere.
 */
import { shippedPlan } from '../plans';
import { checkedCopy } from '../xlsx/copy-input';
import { checkWorkbook, type CheckedWorkbook } from '../xlsx/check-workbook';
import { offerDownload as offer, startExportPanel } from './catalogue-panel';
import { loadWorkbook, type ChosenFile } from './file-load';
import { mergeFiles, MERGED_FILE } from './file-merge';
import { planChoices, runContext } from './options';
import { HIGHER_FILE, judgedByText, withHigher } from './higher-plan';
import { planFromFile } from './plan-sheet';
import type { CompiledPlan } from '../core/compile';
import type { PlanSet } from '../core/plan-set';
import { failureText, TEXT, workbookProblemText } from './messages';
import type { PaneOptions, PaneView } from './ui';

export function checkedName(name: string): string {
  return `${name.replace(/\.xlsx$/i, '')}.checked.xlsx`;
}

export function startStandalone(view: PaneView): void {
  view.setMode('file');
  view.fillPickers(planChoices(), { round: 'annual' });
  let chosen: ChosenFile | undefined;
  let checked = false;
  /** The higher plan read from a file in this session ("Kế hoạch cấp trên"). */
  let higherFile: CompiledPlan | undefined;

  /** The plans shown: the list's own and the higher one, if chosen (issue 18); else why not. */
  function chosenPlans(options: PaneOptions): PlanSet | string {
    const plan = options.plan ? shippedPlan(options.plan) : undefined;
    if (!plan) return TEXT.choosePlan;
    const higher = options.higherPlan === HIGHER_FILE ? higherFile : options.higherPlan ? shippedPlan(options.higherPlan) : undefined;
    const together = withHigher(plan, higher);
    return together.ok ? together.plans : together.message;
  }

  /** Read and check afresh each time, so the download follows the options shown. */
  async function run(): Promise<{ result: CheckedWorkbook; plan: PlanSet } | null> {
    const options = view.readOptions();
    const plans = chosenPlans(options);
    if (typeof plans === 'string') {
      view.error(plans);
      return null;
    }
    if (!chosen) {
      view.error(TEXT.chooseFile);
      return null;
    }
    const wb = await loadWorkbook(chosen);
    if (typeof wb === 'string') {
      view.error(wb);
      return null;
    }
    const result = checkWorkbook(wb, chosen.name, plans, runContext(options));
    if ('problem' in result) {
      view.error(workbookProblemText(chosen.name, result));
      return null;
    }
    return { result, plan: plans };
  }

  async function act(name: string, action: () => Promise<void>): Promise<void> {
    view.setBusy(true);
    try {
      await action();
    } catch (e) {
      view.error(failureText(name, e));
    } finally {
      view.setBusy(false, { download: checked });
    }
  }

  view.file.addEventListener('change', () =>
    void act('Chọn tệp', async () => {
      const f = view.file.files?.[0];
      checked = false;
      view.clearResults();
      if (!f) {
        chosen = undefined;
        return;
      }
      chosen = { name: f.name, bytes: await f.arrayBuffer() };
      view.setFileName(f.name);
      view.info('');
    }),
  );

  view.onHigherPlanFile((name, bytes) =>
    void act('Đọc kế hoạch cấp trên', async () => {
      const read = await planFromFile(name, bytes);
      if (!read.ok) return view.error(TEXT.planProblems(`Tệp "${name}"`, read.problems.length, read.problems).replace(' (ô của lỗi đầu tiên đã được chọn)', ''));
      higherFile = read.plan;
      view.addHigherSources(undefined, HIGHER_FILE, name);
      checked = false;
      view.info(TEXT.planFileOk(name, read.plan.plan.title));
    }),
  );

  // Options change the results: the download must follow a check with the options shown.
  view.onOptionsChange(() => {
    checked = false;
    view.downloadButton.disabled = true;
  });

  view.checkButton.addEventListener('click', () =>
    void act('Kiểm tra', async () => {
      checked = false;
      view.clearResults();
      view.busy(TEXT.checking);
      const done = await run();
      if (!done) return;
      const { report, items } = done.result;
      view.showResults(items);
      view.showCounts(report.summary);
      view.info(`Đã kiểm tra "${report.file}", trang "${report.sheet}" (dòng tiêu đề ${report.headerRow}). ${judgedByText(done.plan)}`);
      checked = true;
    }),
  );

  view.downloadButton.addEventListener('click', () =>
    void act('Tải về', async () => {
      const done = await run();
      if (!done || !chosen) return;
      const bytes = await checkedCopy(chosen.bytes, done.result, done.plan);
      const name = checkedName(chosen.name);
      offer(bytes, name);
      view.info(TEXT.downloaded(name));
    }),
  );

  let toMerge: ChosenFile[] = [];
  view.mergeButton.title = 'Kiểm tra từng tệp đã chọn, gộp thành một danh sách (đánh dấu trùng lặp) và tải về tong-hop.xlsx';
  view.mergeFiles.addEventListener('change', () =>
    void act('Chọn tệp', async () => {
      const picked = Array.from(view.mergeFiles.files ?? []);
      toMerge = await Promise.all(picked.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
      view.setMergeNames(picked.length ? TEXT.mergeChosen(picked.map((f) => f.name)) : '');
      view.info('');
    }),
  );

  view.mergeButton.addEventListener('click', () =>
    void act('Gộp danh sách', async () => {
      const options = view.readOptions();
      const plans = chosenPlans(options);
      if (typeof plans === 'string') return view.error(plans);
      if (!toMerge.length) return view.error(TEXT.chooseMergeFiles);
      // The previous check's rows and counts are not the merge's: gone before it starts.
      checked = false;
      view.clearResults();
      view.busy(TEXT.merging(toMerge.length));
      const done = await mergeFiles(toMerge, plans, runContext(options));
      if (!('bytes' in done)) return view.error(TEXT.nothingMerged(done.failures));
      // The merge's own rows (numbered as in tong-hop.xlsx) and counts.
      view.showResults(done.checked.items);
      view.showCounts(done.checked.report.summary);
      offer(done.bytes, MERGED_FILE);
      view.info(`${TEXT.filesMerged(MERGED_FILE, done.nominees, done.read.length, done.duplicates, done.failures)} ${judgedByText(plans)}`);
    }),
  );

  // Issue 21: the chosen lists into a management system's import template, with the office's mapping.
  startExportPanel({
    doc: document,
    lists: () => (toMerge.length ? toMerge : chosen ? [chosen] : []),
    run: async () => {
      const options = view.readOptions();
      const plans = chosenPlans(options);
      return typeof plans === 'string' ? plans : { plans, ctx: runContext(options) };
    },
    act,
    offer,
    info: (t) => view.info(t),
    error: (t) => view.error(t),
  });

  view.setBusy(false, { download: false });
  view.info('');
}
