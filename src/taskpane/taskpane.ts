/**
 * Entry of the pane page. Inside Excel: the add-in pane. Anywhere else (a browser without Office,
 * or office.js unreachable offline): the same page checks a chosen file. The file mode and exceljs
 * load as a separate chunk, so that the pane inside Excel — whose page also hosts the custom
 * functions — never parses a megabyte it does not use.
 */
import { ExcelAdapter } from './excel-adapter';
import { ExcelPane } from './excel-mode';
import { failureText, TEXT } from './messages';
import { PaneView } from './ui';

/** A separate chunk (webpack keeps import() with the ES-module output the build uses). */
function loadStandalone(): Promise<typeof import('./standalone')> {
  return import(/* webpackChunkName: "standalone" */ './standalone');
}

/** "Excel" inside Excel; null when office.js is absent (failed to load) or the page is not in Office. */
async function officeHost(): Promise<string | null> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return null;
  const info = await Office.onReady();
  return info?.host ? String(info.host) : null;
}

async function start(): Promise<void> {
  const view = new PaneView(document);
  try {
    const host = await officeHost();
    if (host === 'Excel') {
      const settings = Office.context.document.settings;
      const supports = (version: string) => Office.context.requirements.isSetSupported('ExcelApi', version);
      // Excel 2016/2019 (manifest-excel2016.xml): the pane alone, and it says so.
      if (!Office.context.requirements.isSetSupported('SharedRuntime', '1.1')) view.hostNote(TEXT.noFunctions);
      await new ExcelPane(view, new ExcelAdapter((batch) => Excel.run(batch), settings, supports), settings).start();
    } else {
      (await loadStandalone()).startStandalone(view);
    }
  } catch (e) {
    view.error(failureText('Khởi động', e));
  }
}

void start();
