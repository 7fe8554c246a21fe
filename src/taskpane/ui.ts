/**
 * The pane's DOM: pickers, buttons, messages, the mapping preview, reasons and the results table.
 * No Excel call and no check here; the Excel and file modes drive this view with core's data and
 * render only what core returns (labels, reason lines, citations).
 */
import type { ColumnRegistry } from '../core/columns';
import type { CompiledPlan } from '../core/compile';
import { planText } from '../core/plan-book/show';
import { shippedPlan } from '../plans';
import type { Decision } from '../core/evaluate';
import type { HeaderMatch } from '../core/headers';
import { deadlineText, keyReasons, missingText, PLAN_COLUMN, reasonLines, STATUS_LABELS_VI, tierLabel, type Namer, type Summary } from '../core/report';
import { ROUND_IDS, ROUND_LABELS_VI, type RoundId } from '../core/vocabulary';
import { PRODUCT_VERSION } from '../core/version';
import { countsText } from './messages';
import type { PlanChoice } from './options';
import { columnLetter } from './results-model';

export type Mode = 'excel' | 'file';

export interface PaneOptions {
  plan?: string;
  /** "Kế hoạch cấp trên": a shipped plan's id, or the file / sheet source (issue 18). */
  higherPlan?: string;
  round?: RoundId;
  year?: number;
  deadline?: string;
  blankIsNo?: boolean;
}

export interface NomineeRow {
  row: number;
  decision: Decision;
  /** The plan that judged the row: names its own forms (issue 18). */
  namer?: Namer;
  /** The judging plan's short name, when several plans judged the list (issue 18). */
  planName?: string;
}

function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`taskpane.html has no #${id}`);
  return el as T;
}

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

/**
 * The deadline as typed, dd/mm/yyyy (or yyyy-mm-dd), as an ISO date; undefined when it is not one.
 * A text field, not <input type="date">, whose day/month order and placeholder follow the browser's
 * language instead of the page's.
 */
export function isoDeadline(text: string): string | undefined {
  const t = text.trim();
  const vi = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const [y, m, d] = vi ? [Number(vi[3]), Number(vi[2]), Number(vi[1])] : (/^(\d{4})-(\d{2})-(\d{2})$/.exec(t)?.slice(1).map(Number) ?? []);
  if (!y) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export class PaneView {
  readonly plan: HTMLSelectElement;
  readonly round: HTMLSelectElement;
  readonly year: HTMLInputElement;
  readonly deadline: HTMLInputElement;
  readonly blankIsNo: HTMLInputElement;
  readonly file: HTMLInputElement;
  /** Outside Excel: the files "Gộp danh sách" merges. */
  readonly mergeFiles: HTMLInputElement;
  readonly checkButton: HTMLButtonElement;
  readonly exportButton: HTMLButtonElement;
  readonly templateButton: HTMLButtonElement;
  readonly clearButton: HTMLButtonElement;
  readonly downloadButton: HTMLButtonElement;
  readonly previewButton: HTMLButtonElement;
  readonly insertPlanButton: HTMLButtonElement;
  readonly mergeButton: HTMLButtonElement;
  readonly planFile: HTMLInputElement;
  /** "Kế hoạch cấp trên" (issue 18): none, a shipped plan, a plan file or (in Excel) a plan sheet. */
  readonly higherPlan: HTMLSelectElement;
  readonly higherPlanFile: HTMLInputElement;
  private readonly message: HTMLElement;
  private readonly counts: HTMLElement;

  constructor(private readonly doc: Document) {
    this.plan = byId(doc, 'plan');
    this.round = byId(doc, 'round');
    this.year = byId(doc, 'year');
    this.deadline = byId(doc, 'deadline');
    this.blankIsNo = byId(doc, 'blank-is-no');
    this.file = byId(doc, 'file');
    this.mergeFiles = byId(doc, 'merge-files');
    this.checkButton = byId(doc, 'check');
    this.exportButton = byId(doc, 'export');
    this.templateButton = byId(doc, 'template');
    this.clearButton = byId(doc, 'clear');
    this.downloadButton = byId(doc, 'download');
    this.previewButton = byId(doc, 'preview');
    this.insertPlanButton = byId(doc, 'insert-plan');
    this.mergeButton = byId(doc, 'merge');
    this.planFile = byId(doc, 'plan-file');
    this.higherPlan = byId(doc, 'higher-plan');
    this.higherPlanFile = byId(doc, 'higher-plan-file');
    this.message = byId(doc, 'message');
    this.counts = byId(doc, 'counts');
    this.showVersion();
  }

  setMode(mode: Mode): void {
    byId(this.doc, 'mode-note').textContent =
      mode === 'excel'
        ? 'Kiểm tra trang tính đang mở theo kế hoạch phong trào thi đua.'
        : 'Ngoài Excel: chọn tệp .xlsx để kiểm tra. Tệp chỉ được đọc trên máy này, không gửi đi đâu.';
    for (const el of Array.from(this.doc.querySelectorAll<HTMLElement>('.excel-only'))) el.hidden = mode !== 'excel';
    for (const el of Array.from(this.doc.querySelectorAll<HTMLElement>('.file-only'))) el.hidden = mode !== 'file';
  }

  /** Buttons stay disabled while an action runs, so that one click is one action. */
  setBusy(busy: boolean, extra: { download?: boolean } = {}): void {
    for (const b of [this.checkButton, this.exportButton, this.templateButton, this.clearButton, this.previewButton, this.insertPlanButton, this.mergeButton]) b.disabled = busy;
    this.downloadButton.disabled = busy || !extra.download;
  }

  fillPickers(plans: PlanChoice[], options: PaneOptions): void {
    this.plan.replaceChildren(
      ...plans.map((p) => {
        // The short name first: a narrow picker cuts the rest, and every title starts alike.
        const o = element(this.doc, 'option', p.shortName ? `${p.shortName} — ${p.title}` : `${p.title} (${p.id})`);
        o.value = p.id;
        o.dataset.title = p.title;
        return o;
      }),
    );
    this.plan.value = options.plan && plans.some((p) => p.id === options.plan) ? options.plan : plans[0]?.id ?? '';
    this.showPlanTitle();
    const none = element(this.doc, 'option', 'Không có');
    none.value = '';
    this.higherPlan.replaceChildren(
      none,
      ...plans.map((p) => {
        const o = element(this.doc, 'option', p.shortName ? `${p.shortName} — ${p.title}` : `${p.title} (${p.id})`);
        o.value = p.id;
        return o;
      }),
    );
    this.higherPlan.value = options.higherPlan && plans.some((p) => p.id === options.higherPlan) ? options.higherPlan : '';
    this.round.replaceChildren(
      ...ROUND_IDS.map((r) => {
        const o = element(this.doc, 'option', ROUND_LABELS_VI[r]);
        o.value = r;
        return o;
      }),
    );
    this.round.value = options.round ?? 'annual';
    this.year.value = options.year ? String(options.year) : '';
    this.deadline.value = options.deadline ? options.deadline.split('-').reverse().join('/') : '';
    this.blankIsNo.checked = !!options.blankIsNo;
  }

  /** Excel mode: the picker also offers the workbook's plan sheet and, once one is read, a plan file. */
  addPlanSources(sheetValue: string, fileValue: string, fileName?: string): void {
    for (const o of Array.from(this.plan.options)) if (o.value === sheetValue || o.value === fileValue) o.remove();
    const sheet = element(this.doc, 'option', 'Kế hoạch trong sổ này (trang “Kế hoạch”)');
    sheet.value = sheetValue;
    this.plan.append(sheet);
    if (fileName) {
      const file = element(this.doc, 'option', `Tệp kế hoạch: ${fileName}`);
      file.value = fileValue;
      this.plan.append(file);
    }
  }

  /** "Kế hoạch cấp trên": the workbook's sheet of that name (Excel) and, once one is read, a plan file. */
  addHigherSources(sheetValue: string | undefined, fileValue: string, fileName?: string): void {
    for (const o of Array.from(this.higherPlan.options)) if (o.value === sheetValue || o.value === fileValue) o.remove();
    if (sheetValue) {
      const sheet = element(this.doc, 'option', 'Trang “Kế hoạch cấp trên” trong sổ này');
      sheet.value = sheetValue;
      this.higherPlan.append(sheet);
    }
    if (fileName) {
      const file = element(this.doc, 'option', `Tệp kế hoạch cấp trên: ${fileName}`);
      file.value = fileValue;
      this.higherPlan.append(file);
      this.higherPlan.value = fileValue;
    }
  }

  /** Choose a higher plan the picker offers (the workbook's sheet, restored from the saved settings). */
  selectHigherPlan(value: string): void {
    if (Array.from(this.higherPlan.options).some((o) => o.value === value)) this.higherPlan.value = value;
  }

  onHigherPlanFile(handler: (name: string, bytes: ArrayBuffer) => void): void {
    this.higherPlanFile.addEventListener('change', () => {
      const f = this.higherPlanFile.files?.[0];
      if (f) void f.arrayBuffer().then((b) => handler(f.name, b));
    });
  }

  selectPlan(value: string): void {
    this.plan.value = value;
    this.showPlanTitle();
  }

  /** The chosen plan's full title, under the picker (which shows only its start in a narrow pane). */
  showPlanTitle(): void {
    const chosen = this.plan.selectedOptions[0];
    byId(this.doc, 'plan-title').textContent = chosen ? chosen.dataset.title ?? chosen.textContent ?? '' : '';
    const shipped = chosen ? shippedPlan(chosen.value) : undefined;
    this.showPlanConditions(shipped);
  }

  /** Every condition the plan applies, as `plan show` prints it (a plan file or sheet: once read). */
  showPlanConditions(plan: CompiledPlan | undefined): void {
    const box = this.doc.getElementById('plan-conditions');
    if (!box) return;
    box.hidden = plan === undefined;
    byId(this.doc, 'plan-text').textContent = plan ? planText(plan) : '';
  }

  /** The footer: what made every result on this page. */
  showVersion(): void {
    byId(this.doc, 'version').textContent = `ntm-awards phiên bản ${PRODUCT_VERSION} — kiểm tra trên máy này, không gửi dữ liệu đi đâu.`;
  }

  /** One line under the pane when it runs with less than the full add-in (e.g. Excel 2016/2019). */
  hostNote(text: string): void {
    const note = byId(this.doc, 'host-note');
    note.textContent = text;
    note.hidden = !text;
  }

  /** The plan file input: the chosen file's name and bytes (read here, nothing leaves the machine). */
  onPlanFile(handler: (name: string, bytes: ArrayBuffer) => void): void {
    this.planFile.addEventListener('change', () => {
      const f = this.planFile.files?.[0];
      byId(this.doc, 'plan-file-name').textContent = f ? f.name : 'Chưa chọn tệp nào.';
      if (f) void f.arrayBuffer().then((b) => handler(f.name, b));
    });
  }

  readOptions(): PaneOptions {
    const year = Number(this.year.value);
    const out: PaneOptions = { plan: this.plan.value || undefined, round: (this.round.value || 'annual') as RoundId };
    if (this.year.value.trim() && Number.isInteger(year) && year >= 1990 && year <= 2100) out.year = year;
    const deadline = isoDeadline(this.deadline.value);
    if (deadline) out.deadline = deadline;
    if (this.blankIsNo.checked) out.blankIsNo = true;
    if (this.higherPlan.value) out.higherPlan = this.higherPlan.value;
    return out;
  }

  onOptionsChange(handler: (o: PaneOptions) => void): void {
    this.plan.addEventListener('change', () => this.showPlanTitle());
    for (const el of [this.plan, this.higherPlan, this.round, this.year, this.deadline, this.blankIsNo]) el.addEventListener('change', () => handler(this.readOptions()));
  }

  info(text: string): void {
    this.message.className = 'message';
    this.message.textContent = text;
  }

  busy(text: string): void {
    this.message.className = 'message busy';
    this.message.textContent = text;
  }

  /** Errors are always shown in the pane, on one line. */
  error(text: string): void {
    this.message.className = 'message error';
    this.message.textContent = text;
  }

  showCounts(summary: Summary | null): void {
    this.counts.hidden = !summary;
    this.counts.textContent = summary ? countsText(summary) : '';
  }

  /** The mapping preview: each column of the sheet, what it was taken for, and a picker to correct it. */
  showMapping(
    sheetName: string,
    match: HeaderMatch | null,
    registry: ColumnRegistry,
    planColumns: readonly string[],
    onChange: (column: string, header: string | null) => void,
  ): void {
    const body = byId(this.doc, 'mapping-body');
    if (!match) {
      body.replaceChildren(element(this.doc, 'p', `Trang "${sheetName}": chưa tìm thấy dòng tiêu đề.`, 'hint'));
      return;
    }
    const headers = [...registry.keys()];
    const table = element(this.doc, 'table');
    const head = element(this.doc, 'tr');
    for (const h of ['Cột', 'Tiêu đề trên trang', 'Nhận là']) head.append(element(this.doc, 'th', h));
    table.append(element(this.doc, 'thead'));
    table.tHead?.append(head);
    const tbody = element(this.doc, 'tbody');
    for (const sc of match.sheetColumns) {
      const letter = columnLetter(sc.col);
      const tr = element(this.doc, 'tr');
      tr.append(element(this.doc, 'td', letter), element(this.doc, 'td', sc.text));
      const select = element(this.doc, 'select');
      select.setAttribute('aria-label', `Cột ${letter}`);
      const auto = element(this.doc, 'option', '(không dùng / tự động)');
      auto.value = '';
      select.append(auto);
      for (const h of headers) {
        const o = element(this.doc, 'option', h);
        o.value = h;
        select.append(o);
      }
      select.value = sc.header ?? '';
      select.addEventListener('change', () => onChange(letter, select.value || null));
      const td = element(this.doc, 'td');
      td.append(select);
      tr.append(td);
      tbody.append(tr);
    }
    table.append(tbody);
    const intro = element(this.doc, 'p', `Trang "${sheetName}", dòng tiêu đề ${match.headerRow}, dữ liệu từ dòng ${match.firstDataRow}.`, 'hint');
    const absent = planColumns.filter((h) => match.columns[h] === undefined);
    const children: HTMLElement[] = [intro, table];
    if (absent.length) children.push(element(this.doc, 'p', `Kế hoạch dùng nhưng trang không có (coi là ô trống): ${absent.join('; ')}`, 'missing-columns'));
    body.replaceChildren(...children);
  }

  /** The reasons of one row, each step with its citation, indented as the criteria nest. */
  showReasons(row: number, d: Decision | null, note?: string, namer?: Namer, planName?: string): void {
    const body = byId(this.doc, 'reasons-body');
    if (!d) {
      body.replaceChildren(element(this.doc, 'p', note ?? '', 'hint'));
      return;
    }
    const title = element(this.doc, 'p');
    title.append(element(this.doc, 'strong', `Dòng ${row}: ${d.name ?? ''}`), ' — ', this.statusBadge(d));
    const lines = [title];
    if (planName) lines.push(element(this.doc, 'p', `${PLAN_COLUMN}: ${planName}`));
    const tier = tierLabel(d.awardTier, namer);
    if (tier) lines.push(element(this.doc, 'p', `Hình thức cao nhất đủ điều kiện: ${tier}`));
    if (d.missing.length) lines.push(element(this.doc, 'p', `Thiếu thông tin: ${missingText(d.missing)}`));
    const dl = deadlineText(d.deadline);
    if (dl) lines.push(element(this.doc, 'p', `Hạn nộp: ${dl}`));
    body.replaceChildren(...lines, this.reasonList(d.reasons));
  }

  private statusBadge(d: Decision): HTMLElement {
    return element(this.doc, 'span', STATUS_LABELS_VI[d.status], `status status-${d.status}`);
  }

  private reasonList(steps: Decision['reasons'], indent = true): HTMLElement {
    const ul = element(this.doc, 'ul', undefined, 'reasons');
    const lines = reasonLines(steps);
    steps.forEach((s, i) => {
      const li = element(this.doc, 'li', lines[i]);
      li.dataset.result = s.result;
      // CSSOM, not a style attribute: the pane's own styling stays out of markup (CSP allows inline styles only for office.js).
      if (indent && s.depth > 0) li.style.paddingLeft = `${s.depth * 12}px`;
      ul.append(li);
    });
    return ul;
  }

  clearResults(): void {
    const tbody = byId<HTMLTableElement>(this.doc, 'results-table').tBodies[0];
    tbody.replaceChildren();
    this.showCounts(null);
  }

  /** One row per nominee: the five results and the decisive reasons; every step on demand. */
  showResults(rows: readonly NomineeRow[]): void {
    const tbody = byId<HTMLTableElement>(this.doc, 'results-table').tBodies[0];
    const frag = this.doc.createDocumentFragment();
    // Several plans judged the list: a column names the plan that judged each row (issue 18).
    const byPlan = rows.some((r) => r.planName !== undefined);
    byId(this.doc, 'plan-col').hidden = !byPlan;
    for (const { row, decision: d, namer, planName } of rows) {
      const tr = element(this.doc, 'tr');
      tr.dataset.row = String(row);
      tr.dataset.status = d.status;
      const status = element(this.doc, 'td');
      status.append(this.statusBadge(d));
      const reasons = element(this.doc, 'td', undefined, 'why');
      reasons.append(this.reasonList(keyReasons(d), false));
      const all = element(this.doc, 'details');
      all.append(element(this.doc, 'summary', 'Tất cả các bước'));
      // Built when opened: a 10,000-row list would otherwise carry every step of every row.
      all.addEventListener('toggle', () => {
        if (all.open && all.children.length === 1) all.append(this.reasonList(d.reasons));
      });
      reasons.append(all);
      tr.append(
        element(this.doc, 'td', String(row)),
        element(this.doc, 'td', d.name ?? ''),
        status,
        element(this.doc, 'td', tierLabel(d.awardTier, namer)),
        ...(byPlan ? [element(this.doc, 'td', planName ?? '')] : []),
        element(this.doc, 'td', missingText(d.missing)),
        element(this.doc, 'td', deadlineText(d.deadline)),
        reasons,
      );
      frag.append(tr);
    }
    tbody.replaceChildren(frag);
  }

  setFileName(text: string): void {
    byId(this.doc, 'file-name').textContent = text;
  }

  setMergeNames(text: string): void {
    byId(this.doc, 'merge-names').textContent = text;
  }
}
