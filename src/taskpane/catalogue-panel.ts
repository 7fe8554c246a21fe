/**
 * The page's "Xuất sang phần mềm quản lý thi đua khen thưởng" box (issue 21 §2): pick the import
 * template (and a mapping file kept from last time), export, see the values the catalogue does not
 * name each with a dropdown of its entries, choose, export again, and download the choices as
 * `doi-chieu-danh-muc.xlsx`. The DOM only; the work is file-export.ts.
 */
import { MAPPING_KIND_LABELS, type MappingChoice, type MappingKind, type MappingRow } from '../core/catalogue-export';
import type { PlanSet } from '../core/plan-set';
import { judgedByText } from './higher-plan';
import type { RunContext } from '../core/evaluate';
import { templateCatalogues, type Nominee } from '../xlsx/lifesoft-export';
import type { ChosenFile } from './file-load';
import { exportFiles, exportNominees, FILLED_FILE, MAPPING_FILE, mappingFileBytes, mappingRowsOf, readMappingFile, readTemplate, summaryText, type PageExport } from './file-export';

export interface ExportPanelDeps {
  doc: Document;
  /** The page: the lists to export (the files to merge if any, else the chosen file). */
  lists?(): ChosenFile[];
  /** The pane: the open workbook's nominees, read and checked. */
  nominees?(plans: PlanSet, ctx: RunContext): Promise<Nominee[]>;
  /** The pane: the choices kept in the workbook (instead of a downloaded mapping file). */
  store?: { load(): MappingChoice[]; save(choices: MappingChoice[]): Promise<void> };
  /** The plan and run options shown, or the message why there is none. */
  run(): Promise<{ plans: PlanSet; ctx: RunContext } | string | undefined>;
  act(name: string, action: () => Promise<void>): Promise<void>;
  offer(bytes: Uint8Array, name: string): void;
  info(text: string): void;
  error(text: string): void;
}

const key = (kind: MappingKind, value: string) => `${kind}\u0000${value}`;

function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}

async function pick(input: HTMLInputElement): Promise<ChosenFile | undefined> {
  const f = input.files?.[0];
  return f ? { name: f.name, bytes: await f.arrayBuffer() } : undefined;
}

export function startExportPanel(d: ExportPanelDeps): void {
  const templateInput = byId<HTMLInputElement>(d.doc, 'lifesoft-template');
  const mappingInput = byId<HTMLInputElement>(d.doc, 'lifesoft-mapping');
  const names = byId(d.doc, 'lifesoft-names');
  const exportButton = byId<HTMLButtonElement>(d.doc, 'lifesoft-export');
  const saveButton = byId<HTMLButtonElement>(d.doc, 'lifesoft-save');
  const table = byId<HTMLTableElement>(d.doc, 'lifesoft-unresolved');
  let template: ChosenFile | undefined;
  /** The choices kept: a mapping file's (page), or the workbook's (pane). */
  let fileChoices: MappingChoice[] = d.store?.load() ?? [];
  if (d.store) saveButton.textContent = 'Lưu lựa chọn vào sổ';
  /** Choices made in the page, by kind and value; they win over the mapping file's. */
  const chosen = new Map<string, MappingChoice>();
  let last: PageExport | undefined;
  let rows: MappingRow[] = [];

  const showNames = () => {
    names.textContent = `${template ? `Mẫu nhập: ${template.name}.` : 'Chưa chọn mẫu nhập.'}${fileChoices.length ? ` Tệp đối chiếu: ${fileChoices.length} lựa chọn.` : ''}`;
  };

  templateInput.addEventListener('change', () =>
    void d.act('Chọn mẫu nhập', async () => {
      template = await pick(templateInput);
      last = undefined;
      render();
      showNames();
    }),
  );
  mappingInput.addEventListener('change', () =>
    void d.act('Chọn tệp đối chiếu', async () => {
      const file = await pick(mappingInput);
      fileChoices = [];
      if (file) {
        const read = await readMappingFile(file);
        if (typeof read === 'string') return d.error(read);
        fileChoices = read;
      }
      showNames();
    }),
  );

  exportButton.addEventListener('click', () =>
    void d.act('Xuất mẫu nhập', async () => {
      const run = await d.run();
      if (run === undefined) return;
      if (typeof run === 'string') return d.error(run);
      const lists = d.lists?.() ?? [];
      if (d.lists && !lists.length) return d.error('Chọn tệp danh sách (hoặc các tệp để gộp) trước khi xuất.');
      if (!template) return d.error('Chọn mẫu nhập tải từ phần mềm quản lý thi đua khen thưởng của tỉnh trước khi xuất.');
      const read = await readTemplate(template);
      if ('error' in read) return d.error(read.error);
      last = d.nominees
        ? await exportNominees(await d.nominees(run.plans, run.ctx), template, read.shape, choices(), run.plans.plans[0])
        : await exportFiles(lists, template, read.shape, choices(), run.plans, run.ctx);
      d.offer(last.bytes, FILLED_FILE);
      rows = mappingRowsOf(last);
      render();
      // Several plans: which texts judged, as after a check (the command line prints a line per plan).
      d.info(run.plans.plans.length > 1 ? `${summaryText(last)} ${judgedByText(run.plans)}` : summaryText(last));
    }),
  );

  /** The mapping file's or workbook's choices, with the ones made here winning. */
  const choices = () => [...fileChoices.filter((c) => !chosen.has(key(c.kind, c.value))), ...[...chosen.values()].filter((c) => c.choice)];

  saveButton.addEventListener('click', () =>
    void d.act(saveButton.textContent ?? 'Lưu', async () => {
      if (d.store) {
        const all = choices();
        await d.store.save(all);
        fileChoices = all;
        return d.info(`Đã lưu ${all.length} lựa chọn đối chiếu danh mục vào sổ này; lần xuất sau dùng lại.`);
      }
      if (!last || !template) return;
      const withChoices = rows.map((r) => ({ ...r, choice: chosen.get(key(r.kind, r.value))?.choice ?? r.choice }));
      d.offer(await mappingFileBytes(withChoices, last.shape, template.name), MAPPING_FILE);
      d.info(`Đã tải ${MAPPING_FILE}: ${withChoices.filter((r) => r.choice).length}/${withChoices.length} giá trị đã chọn. Giữ tệp này cho lần xuất sau.`);
    }),
  );

  function render(): void {
    const body = table.tBodies[0];
    body.replaceChildren();
    saveButton.disabled = !last || !rows.length;
    table.hidden = !last || !rows.length;
    if (!last) return;
    const catalogues = templateCatalogues(last.shape);
    for (const r of rows) {
      const tr = d.doc.createElement('tr');
      const cell = (text: string) => {
        const td = d.doc.createElement('td');
        td.textContent = text;
        return td;
      };
      const select = d.doc.createElement('select');
      select.setAttribute('aria-label', `${MAPPING_KIND_LABELS[r.kind]} “${r.value}”: mục trong danh mục`);
      const none = d.doc.createElement('option');
      none.value = '';
      none.textContent = '— chưa chọn —';
      select.append(none);
      for (const entry of catalogues[r.kind]) {
        const o = d.doc.createElement('option');
        o.value = entry;
        o.textContent = r.candidates.includes(entry) ? `${entry} (gợi ý)` : entry;
        select.append(o);
      }
      select.value = chosen.get(key(r.kind, r.value))?.choice ?? r.choice;
      select.addEventListener('change', () => chosen.set(key(r.kind, r.value), { kind: r.kind, value: r.value, choice: select.value }));
      const choiceCell = d.doc.createElement('td');
      choiceCell.append(select);
      tr.append(cell(MAPPING_KIND_LABELS[r.kind]), cell(r.value), choiceCell, cell(String(r.rows.length)));
      body.append(tr);
    }
  }
  showNames();
}

/** Hand bytes to the browser (or Excel's web view) as a download; nothing leaves the machine. */
export function offerDownload(bytes: Uint8Array, name: string): void {
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
