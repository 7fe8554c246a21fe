/**
 * The same page outside Excel, for offices that cannot install add-ins: choose an .xlsx, check it
 * with the same engine as the command line, see every nominee, and download the checked copy
 * ("<name>.checked.xlsx") made by the command line's patch writer from the chosen file's bytes. The file is read in
 * the browser and never sent anywhere.
 */
import ExcelJS from 'exceljs';
import { shippedPlan } from '../plans';
import { checkedCopy } from '../xlsx/copy-input';
import { checkWorkbook, type CheckedWorkbook } from '../xlsx/check-workbook';
import { planChoices, runContext } from './options';
import { failureText, TEXT, workbookProblemText } from './messages';
import type { PaneView } from './ui';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

interface ChosenFile {
  name: string;
  bytes: ArrayBuffer;
}

function startsWith(bytes: ArrayBuffer, magic: number[]): boolean {
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  return magic.every((b, i) => head[i] === b);
}

/** A workbook from the chosen bytes, or a one-line reason in Vietnamese. */
async function loadWorkbook(file: ChosenFile): Promise<ExcelJS.Workbook | string> {
  if (startsWith(file.bytes, OLE)) return TEXT.oldXls(file.name);
  if (!startsWith(file.bytes, ZIP)) return TEXT.notXlsx(file.name);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file.bytes);
  } catch {
    return TEXT.damaged(file.name);
  }
  return wb;
}

export function checkedName(name: string): string {
  return `${name.replace(/\.xlsx$/i, '')}.checked.xlsx`;
}

export function startStandalone(view: PaneView): void {
  view.setMode('file');
  view.fillPickers(planChoices(), { round: 'annual' });
  let chosen: ChosenFile | undefined;
  let checked = false;

  /** Read and check afresh each time, so the download follows the options shown. */
  async function run(): Promise<{ result: CheckedWorkbook; plan: NonNullable<ReturnType<typeof shippedPlan>> } | null> {
    const options = view.readOptions();
    const plan = options.plan ? shippedPlan(options.plan) : undefined;
    if (!plan) {
      view.error(TEXT.choosePlan);
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
    const result = checkWorkbook(wb, chosen.name, plan, runContext(options));
    if ('problem' in result) {
      view.error(workbookProblemText(chosen.name, result));
      return null;
    }
    return { result, plan };
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
      view.info(`Đã kiểm tra "${report.file}", trang "${report.sheet}" (dòng tiêu đề ${report.headerRow}).`);
      checked = true;
    }),
  );

  view.downloadButton.addEventListener('click', () =>
    void act('Tải về', async () => {
      const done = await run();
      if (!done || !chosen) return;
      const bytes = await checkedCopy(chosen.bytes, done.result, done.plan);
      const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      const name = checkedName(chosen.name);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      // Revoking at once can cancel the download in some browsers.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      view.info(TEXT.downloaded(name));
    }),
  );

  view.setBusy(false, { download: false });
  view.info('');
}
