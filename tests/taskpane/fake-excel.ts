/**
 * A small in-memory Excel for the adapter tests, where office-addin-mock's static data model falls
 * short (null objects, ranges by index, RangeAreas, getCellProperties, charts, data validation).
 * It keeps Office.js's batching contract strictly: writes and loads are queued and run at
 * `context.sync()`, in order; a property read before the sync that loads it throws, as the real
 * PropertyNotLoaded error does. `syncCount` counts round trips.
 *
 * Like Excel, a string starting with "=", "+", "-" or "@" written into a cell that is not
 * Text-formatted becomes a formula (here: the #NAME? it would usually give), so a test sees it.
 *
 * No kinder than Excel:
 * - the host has one ExcelApi version (`apiVersion`, by default 1.11: what the hosts the manifest
 *   admits with SharedRuntime 1.1 have); a call from a later set fails the sync with ApiNotFound;
 * - Excel on the web's 5 MB cap on one request (values and formats written) and on one response
 *   (values, formats, cell properties read) fails the sync with RequestPayloadSizeLimitExceeded;
 * - recalculation: "Full" recalculates every formula (through `calculator`, which tests set to the
 *   NTM functions); "Recalculate" only dirty cells, and a custom function cell whose arguments did
 *   not change is never dirty, so it keeps its old value.
 */
import type { MergeRange } from '../../src/core/headers';

export interface FakeFill {
  color: string;
  pattern: string;
  patternColor?: string;
}

export interface FakeCell {
  row: number;
  col: number;
  value: string | number | boolean;
  formula?: string;
  error?: boolean;
  numberFormat: string;
  fill?: FakeFill;
  /** bold, size, wrapText, alignment… */
  format: Record<string, unknown>;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FakeChart {
  type: string;
  source: Rect;
  seriesBy?: string;
  title?: string;
  position?: [string, string?];
}

export interface FakeValidation {
  rect: Rect;
  rule?: unknown;
  errorAlert?: unknown;
}

const MAX_COL = 16384;
const MAX_ROW = 1048576;
const DEFAULT_WIDTH = 48;

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  widths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  merges: MergeRange[] = [];
  charts: FakeChart[] = [];
  validations: FakeValidation[] = [];
  frozenRows = 0;
  visibility = 'Visible';

  constructor(
    public id: string,
    public name: string,
  ) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row}:${col}`);
  }

  ensure(row: number, col: number): FakeCell {
    let c = this.cells.get(`${row}:${col}`);
    if (!c) {
      c = { row, col, value: '', numberFormat: 'General', format: {} };
      this.cells.set(`${row}:${col}`, c);
    }
    return c;
  }

  /** Test setup: raw values ("=…" for a formula with a cached result via setFormula). */
  set(row: number, col: number, value: string | number | boolean, numberFormat?: string): void {
    const c = this.ensure(row, col);
    c.value = value;
    if (numberFormat) c.numberFormat = numberFormat;
  }

  setFormula(row: number, col: number, formula: string, cached: string | number | boolean): void {
    const c = this.ensure(row, col);
    c.formula = formula;
    c.value = cached;
  }

  setError(row: number, col: number, text: string): void {
    const c = this.ensure(row, col);
    c.value = text;
    c.error = true;
  }

  width(col: number): number {
    return this.widths.get(col) ?? DEFAULT_WIDTH;
  }

  /** Bounding box of cells with a value (valuesOnly) or with anything at all. */
  usedRect(valuesOnly: boolean, within?: Rect): Rect | null {
    let box: Rect | null = null;
    for (const c of this.cells.values()) {
      const has = c.value !== '' || c.formula !== undefined || (!valuesOnly && (c.numberFormat !== 'General' || c.fill !== undefined || Object.keys(c.format).length > 0));
      if (!has) continue;
      const { row, col } = c;
      if (within && (row < within.top || row > within.bottom || col < within.left || col > within.right)) continue;
      if (!box) box = { top: row, left: col, bottom: row, right: col };
      else {
        box.top = Math.min(box.top, row);
        box.bottom = Math.max(box.bottom, row);
        box.left = Math.min(box.left, col);
        box.right = Math.max(box.right, col);
      }
    }
    return box;
  }

  /** Everything a user could see or lose, for before/after comparisons. */
  state(): unknown {
    const cells = [...this.cells.entries()]
      .filter(([, c]) => c.value !== '' || c.formula !== undefined || c.numberFormat !== 'General' || c.fill || Object.keys(c.format).length)
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([k, c]) => [k, { ...c, format: { ...c.format } }]);
    return {
      name: this.name,
      visibility: this.visibility,
      cells,
      widths: [...this.widths.entries()].sort((a, b) => a[0] - b[0]),
      rowHeights: [...this.rowHeights.entries()].sort((a, b) => a[0] - b[0]),
      merges: [...this.merges].sort((a, b) => a.top - b.top || a.left - b.left),
      charts: this.charts,
      validations: this.validations,
      frozenRows: this.frozenRows,
    };
  }
}

export type Calculator = (sheet: FakeSheet, cell: FakeCell) => Promise<string | number | boolean> | string | number | boolean;

/** "1.9" < "1.13": ExcelApi versions compare by their minor number. */
export function versionAtLeast(have: string, need: string): boolean {
  const [a, b] = [have, need].map((v) => v.split('.').map(Number));
  return a[0] > b[0] || (a[0] === b[0] && (a[1] ?? 0) >= (b[1] ?? 0));
}

export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export class FakeWorkbook {
  /** ExcelApi version of the host; SharedRuntime 1.1 hosts (from build 2002) have 1.11. */
  apiVersion = '1.11';
  /** Excel on the web's cap per request and per response, in bytes. */
  payloadLimit = WEB_PAYLOAD_LIMIT;
  /** What a full recalculation computes for a formula cell; unset, formulas keep their values. */
  calculator?: Calculator;
  /** Every Application.calculate, by type. */
  calculations: string[] = [];
  /** The largest request and response of any sync so far, in bytes. */
  largestPayload = 0;
  sheets: FakeSheet[] = [];
  active!: FakeSheet;
  selection: { sheet: FakeSheet; row: number; col: number } | null = null;
  selectionHandlers: (() => unknown)[] = [];
  private nextId = 1;

  addSheet(name: string): FakeSheet {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: ${name}`);
    const s = new FakeSheet(`{SHEET-${this.nextId++}}`, name);
    this.sheets.push(s);
    if (!this.active) this.active = s;
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  state(): unknown {
    return { sheets: this.sheets.map((s) => s.state()) };
  }

  /** Office.context.requirements.isSetSupported('ExcelApi', version) of this host. */
  supports = (version: string): boolean => versionAtLeast(this.apiVersion, version);
}

// ---------------------------------------------------------------------------------------------
// Addresses

export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function colLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function parseRef(ref: string): Rect {
  const r = ref.replace(/\$/g, '').trim();
  let m = /^(\d+):(\d+)$/.exec(r);
  if (m) return { top: Number(m[1]), bottom: Number(m[2]), left: 1, right: MAX_COL };
  m = /^([A-Z]+):([A-Z]+)$/i.exec(r);
  if (m) return { top: 1, bottom: MAX_ROW, left: colNumber(m[1]), right: colNumber(m[2]) };
  m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(r);
  if (!m) throw new Error(`InvalidArgument: address ${ref}`);
  const top = Number(m[2]);
  const left = colNumber(m[1]);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? colNumber(m[3]) : left };
}

function refOf(sheet: FakeSheet, r: Rect): string {
  const name = /^[A-Za-z0-9_]+$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
  const a = `${colLetters(r.left)}${r.top}`;
  const b = `${colLetters(r.right)}${r.bottom}`;
  return `${name}!${a === b ? a : `${a}:${b}`}`;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function forEachCell(r: Rect, fn: (row: number, col: number, i: number, j: number) => void): void {
  if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > 5_000_000) throw new Error('fake: range too large to iterate');
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) fn(row, col, row - r.top, col - r.left);
}

function grid<T>(value: T | T[][], r: Rect, what: string): (i: number, j: number) => T {
  if (!Array.isArray(value)) return () => value;
  const rows = r.bottom - r.top + 1;
  const cols = r.right - r.left + 1;
  if (value.length !== rows || value.some((row) => row.length !== cols)) {
    throw new Error(`InvalidArgument: ${what} is ${value.length}×${value[0]?.length}, range is ${rows}×${cols}`);
  }
  return (i, j) => value[i][j];
}

// ---------------------------------------------------------------------------------------------
// Proxies with queued commands

/** UTF-8 length without Buffer: this file also runs inside the page of the browser tests. */
const encoder = new TextEncoder();
function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

export class FakeContext {
  syncCount = 0;
  private queue: (() => unknown)[] = [];
  private requestBytes = 0;
  private responseBytes = 0;
  readonly workbook: WorkbookProxy;

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }

  enqueue(command: () => unknown): void {
    this.queue.push(command);
  }

  /** A call from an ExcelApi set the host lacks: the batch fails at its sync, as in Excel. */
  requires(version: string, api: string): void {
    if (!this.book.supports(version)) {
      this.enqueue(() => {
        throw new Error(`ApiNotFound: ${api} needs ExcelApi ${version}; this host has ${this.book.apiVersion}`);
      });
    }
  }

  /** Data sent with this batch (values and formats written), in UTF-8 bytes of its JSON. */
  sent(data: unknown): void {
    this.requestBytes += utf8Length(JSON.stringify(data));
  }

  /** Data the host returns for this batch. */
  returned(data: unknown): void {
    this.responseBytes += utf8Length(JSON.stringify(data));
  }

  async sync(): Promise<void> {
    this.syncCount++;
    const queue = this.queue;
    this.queue = [];
    const limit = this.book.payloadLimit;
    const request = this.requestBytes;
    this.requestBytes = 0;
    this.responseBytes = 0;
    this.book.largestPayload = Math.max(this.book.largestPayload, request);
    if (request > limit) throw new Error(`RequestPayloadSizeLimitExceeded: request of ${request} bytes`);
    for (const command of queue) await command();
    this.book.largestPayload = Math.max(this.book.largestPayload, this.responseBytes);
    if (this.responseBytes > limit) throw new Error(`RequestPayloadSizeLimitExceeded: response of ${this.responseBytes} bytes`);
  }
}

class Loadable {
  private snapshot: Record<string, unknown> | null = null;

  constructor(protected readonly ctx: FakeContext) {}

  protected loaded<T>(prop: string): T {
    if (!this.snapshot || !(prop in this.snapshot)) throw new Error(`PropertyNotLoaded: ${prop}`);
    return this.snapshot[prop] as T;
  }

  protected queueLoad(props: string | string[] | Record<string, unknown> | undefined, read: (prop: string) => unknown): void {
    const list = (typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : Object.keys(props ?? {})).map((p) => p.trim()).filter(Boolean);
    this.ctx.enqueue(() => {
      const snap: Record<string, unknown> = { ...(this.snapshot ?? {}) };
      snap.isNullObject = read('isNullObject');
      if (!snap.isNullObject) {
        for (const p of list) {
          snap[p] = read(p);
          if (Array.isArray(snap[p]) && Array.isArray((snap[p] as unknown[])[0])) this.ctx.returned(snap[p]);
        }
      }
      this.snapshot = snap;
    });
  }

  get isNullObject(): boolean {
    return this.loaded('isNullObject');
  }

  /** For collection items, which arrive loaded. */
  prime(snapshot: Record<string, unknown>): this {
    this.snapshot = snapshot;
    return this;
  }
}

type SheetRef = () => FakeSheet | null;

class FillProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly target: () => { sheet: FakeSheet; rects: Rect[] },
  ) {}

  private each(fn: (c: FakeCell) => void): void {
    this.ctx.enqueue(() => {
      const { sheet, rects } = this.target();
      for (const r of rects) forEachCell(r, (row, col) => fn(sheet.ensure(row, col)));
    });
  }

  set color(color: string) {
    this.each((c) => (c.fill = { color: color.toUpperCase(), pattern: 'Solid' }));
  }

  set pattern(pattern: string) {
    this.ctx.requires('1.9', 'RangeFill.pattern');
    this.each((c) => (c.fill = { color: c.fill?.color ?? '#FFFFFF', pattern, patternColor: c.fill?.patternColor }));
  }

  set patternColor(color: string) {
    this.ctx.requires('1.9', 'RangeFill.patternColor');
    this.each((c) => (c.fill = { color: c.fill?.color ?? '#FFFFFF', pattern: c.fill?.pattern ?? 'Solid', patternColor: color }));
  }

  clear(): void {
    this.each((c) => delete c.fill);
  }
}

class FormatProxy extends Loadable {
  readonly fill: FillProxy;
  readonly font: { bold: boolean; size: number };

  constructor(
    ctx: FakeContext,
    private readonly target: () => { sheet: FakeSheet; rects: Rect[] },
  ) {
    super(ctx);
    this.fill = new FillProxy(ctx, target);
    const setter = (key: string) => (v: unknown) => this.setFormat(key, v);
    const font = {};
    Object.defineProperty(font, 'bold', { set: setter('bold') });
    Object.defineProperty(font, 'size', { set: setter('size') });
    this.font = font as { bold: boolean; size: number };
  }

  private setFormat(key: string, v: unknown): void {
    this.ctx.enqueue(() => {
      const { sheet, rects } = this.target();
      for (const r of rects) forEachCell(r, (row, col) => (sheet.ensure(row, col).format[key] = v));
    });
  }

  set wrapText(v: boolean) {
    this.setFormat('wrapText', v);
  }

  set horizontalAlignment(v: string) {
    this.setFormat('horizontalAlignment', v);
  }

  set verticalAlignment(v: string) {
    this.setFormat('verticalAlignment', v);
  }

  set rowHeight(h: number) {
    this.ctx.enqueue(() => {
      const { sheet, rects } = this.target();
      for (const r of rects) for (let row = r.top; row <= r.bottom; row++) sheet.rowHeights.set(row, h);
    });
  }

  get columnWidth(): number {
    return this.loaded('columnWidth');
  }

  set columnWidth(w: number) {
    this.ctx.enqueue(() => {
      const { sheet, rects } = this.target();
      // A column set back to the standard width looks and prints as one never set.
      for (const r of rects) for (let col = r.left; col <= r.right; col++) w === DEFAULT_WIDTH ? sheet.widths.delete(col) : sheet.widths.set(col, w);
    });
  }

  load(props: string): this {
    this.queueLoad(props, (p) => {
      if (p === 'isNullObject') return false;
      const { sheet, rects } = this.target();
      if (p === 'columnWidth') return sheet.width(rects[0].left);
      throw new Error(`fake: format.${p} not supported`);
    });
    return this;
  }
}

export class RangeProxy extends Loadable {
  readonly format: FormatProxy;

  constructor(
    ctx: FakeContext,
    private readonly sheetRef: SheetRef,
    readonly rect: () => Rect | null,
  ) {
    super(ctx);
    this.format = new FormatProxy(ctx, () => this.target());
  }

  private target(): { sheet: FakeSheet; rects: Rect[] } {
    const sheet = this.sheetRef();
    const r = this.rect();
    if (!sheet || !r) throw new Error('InvalidObjectPath: null range');
    return { sheet, rects: [r] };
  }

  load(props: string | string[]): this {
    this.queueLoad(props, (p) => this.read(p));
    return this;
  }

  private read(p: string): unknown {
    if (p === 'isNullObject') return !this.sheetRef() || !this.rect();
    const { sheet, rects } = this.target();
    const r = rects[0];
    const matrix = (fn: (c: FakeCell | undefined) => unknown) => {
      const out: unknown[][] = [];
      for (let row = r.top; row <= r.bottom; row++) {
        const line: unknown[] = [];
        for (let col = r.left; col <= r.right; col++) line.push(fn(sheet.cell(row, col)));
        out.push(line);
      }
      return out;
    };
    switch (p) {
      case 'values':
        return matrix((c) => c?.value ?? '');
      case 'formulas':
        return matrix((c) => c?.formula ?? c?.value ?? '');
      case 'numberFormat':
        return matrix((c) => c?.numberFormat ?? 'General');
      case 'valueTypes':
        return matrix((c) =>
          !c || (c.value === '' && !c.formula) ? 'Empty' : c.error ? 'Error' : typeof c.value === 'number' ? 'Double' : typeof c.value === 'boolean' ? 'Boolean' : 'String',
        );
      case 'rowIndex':
        return r.top - 1;
      case 'columnIndex':
        return r.left - 1;
      case 'rowCount':
        return r.bottom - r.top + 1;
      case 'columnCount':
        return r.right - r.left + 1;
      case 'address':
        return refOf(sheet, r);
      default:
        throw new Error(`fake: range.${p} not supported`);
    }
  }

  get values(): unknown[][] {
    return this.loaded('values');
  }

  set values(v: unknown[][]) {
    this.ctx.sent(v);
    this.ctx.enqueue(() => {
      const { sheet, rects } = this.target();
      const at = grid(v, rects[0], 'values');
      forEachCell(rects[0], (row, col, i, j) => {
        const value = at(i, j) as string | number | boolean;
        const c = sheet.ensure(row, col);
        delete c.error;
        if (typeof value === 'string' && /^[=+\-@]/.test(value) && value.length > 1 && c.numberFormat !== '@') {
          c.formula = value;
          c.value = '#NAME?';
        } else {
          delete c.formula;
          c.value = value;
        }
      });
    });
  }

  get numberFormat(): string[][] {
    return this.loaded('numberFormat');
  }

  set numberFormat(v: string[][]) {
    this.ctx.sent(v);
    this.ctx.enqueue(() => {
      const { sheet, rects } = this.target();
      const at = grid(v, rects[0], 'numberFormat');
      forEachCell(rects[0], (row, col, i, j) => (sheet.ensure(row, col).numberFormat = at(i, j)));
    });
  }

  get valueTypes(): string[][] {
    return this.loaded('valueTypes');
  }

  get rowIndex(): number {
    return this.loaded('rowIndex');
  }

  get columnIndex(): number {
    return this.loaded('columnIndex');
  }

  get rowCount(): number {
    return this.loaded('rowCount');
  }

  get columnCount(): number {
    return this.loaded('columnCount');
  }

  get address(): string {
    return this.loaded('address');
  }

  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, this.sheetRef);
  }

  /** Range.select (ExcelApi 1.1): the sheet becomes active and the range's top-left cell the selection. */
  select(): void {
    this.ctx.enqueue(() => {
      const { sheet, rects } = this.target();
      this.ctx.book.active = sheet;
      this.ctx.book.selection = { sheet, row: rects[0].top, col: rects[0].left };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    this.ctx.requires('1.4', 'Range.getUsedRangeOrNullObject');
    return new RangeProxy(this.ctx, this.sheetRef, () => {
      const sheet = this.sheetRef();
      const r = this.rect();
      return sheet && r ? sheet.usedRect(!!valuesOnly, r) : null;
    });
  }

  getIntersectionOrNullObject(other: RangeProxy): RangeProxy {
    this.ctx.requires('1.4', 'Range.getIntersectionOrNullObject');
    return new RangeProxy(this.ctx, this.sheetRef, () => {
      const a = this.rect();
      const b = other.rect();
      if (!a || !b || !intersects(a, b)) return null;
      return { top: Math.max(a.top, b.top), left: Math.max(a.left, b.left), bottom: Math.min(a.bottom, b.bottom), right: Math.min(a.right, b.right) };
    });
  }

  getMergedAreasOrNullObject(): AreasProxy {
    this.ctx.requires('1.13', 'Range.getMergedAreasOrNullObject');
    return new AreasProxy(this.ctx, this.sheetRef, () => {
      const { sheet, rects } = this.target();
      const found = sheet.merges.filter((m) => intersects(m, rects[0]));
      return found.length ? found : null;
    });
  }

  getCellProperties(_opts: unknown): { value: unknown[][] } {
    this.ctx.requires('1.9', 'Range.getCellProperties');
    const result: { value: unknown[][] } = {
      get value(): unknown[][] {
        throw new Error('PropertyNotLoaded: getCellProperties before sync');
      },
    } as { value: unknown[][] };
    this.ctx.enqueue(() => {
      const { sheet, rects } = this.target();
      const r = rects[0];
      const out: unknown[][] = [];
      for (let row = r.top; row <= r.bottom; row++) {
        const line: unknown[] = [];
        for (let col = r.left; col <= r.right; col++) {
          const f = sheet.cell(row, col)?.fill;
          line.push({ format: { fill: f ? { color: f.color, pattern: f.pattern, patternColor: f.patternColor } : { color: '#FFFFFF', pattern: 'None' } } });
        }
        out.push(line);
      }
      this.ctx.returned(out);
      Object.defineProperty(result, 'value', { value: out });
    });
    return result;
  }

  clear(applyTo?: string): void {
    this.ctx.enqueue(() => {
      if (applyTo !== undefined && applyTo !== 'All') throw new Error('fake: only clear("All")');
      const { sheet, rects } = this.target();
      forEachCell(rects[0], (row, col) => sheet.cells.delete(`${row}:${col}`));
    });
  }

  merge(across?: boolean): void {
    this.ctx.enqueue(() => {
      if (across) throw new Error('fake: merge across not supported');
      const { sheet, rects } = this.target();
      if (sheet.merges.some((m) => intersects(m, rects[0]))) throw new Error('InvalidOperation: overlapping merge');
      sheet.merges.push({ ...rects[0] });
    });
  }

  unmerge(): void {
    this.ctx.enqueue(() => {
      const { sheet, rects } = this.target();
      sheet.merges = sheet.merges.filter((m) => !intersects(m, rects[0]));
    });
  }

  get dataValidation(): { rule: unknown; errorAlert: unknown } {
    this.ctx.requires('1.8', 'Range.dataValidation');
    const ctx = this.ctx;
    const target = () => this.target();
    const entry = (): FakeValidation => {
      const { sheet, rects } = target();
      let v = sheet.validations.find((x) => JSON.stringify(x.rect) === JSON.stringify(rects[0]));
      if (!v) {
        v = { rect: { ...rects[0] } };
        sheet.validations.push(v);
      }
      return v;
    };
    return {
      set rule(rule: unknown) {
        ctx.enqueue(() => (entry().rule = rule));
      },
      set errorAlert(alert: unknown) {
        ctx.enqueue(() => (entry().errorAlert = alert));
      },
    } as { rule: unknown; errorAlert: unknown };
  }
}

export class AreasProxy extends Loadable {
  readonly format: FormatProxy;

  constructor(
    ctx: FakeContext,
    private readonly sheetRef: SheetRef,
    private readonly rects: () => Rect[] | null,
  ) {
    super(ctx);
    this.format = new FormatProxy(ctx, () => {
      const sheet = this.sheetRef();
      const rects = this.rects();
      if (!sheet || !rects) throw new Error('InvalidObjectPath: null areas');
      return { sheet, rects };
    });
  }

  load(props: string): this {
    this.queueLoad(props, (p) => {
      const sheet = this.sheetRef();
      const rects = this.rects();
      if (p === 'isNullObject') return !sheet || !rects;
      if (p === 'address') return (rects ?? []).map((r) => refOf(sheet as FakeSheet, r)).join(', ');
      throw new Error(`fake: areas.${p} not supported`);
    });
    return this;
  }

  get address(): string {
    return this.loaded('address');
  }
}

export class WorksheetProxy extends Loadable {
  readonly charts: { add(type: string, source: RangeProxy, seriesBy?: string): { title: { text: string }; setPosition(a: string, b?: string): void } };
  readonly freezePanes: { freezeRows(n: number): void };

  constructor(
    ctx: FakeContext,
    readonly sheetRef: SheetRef,
  ) {
    super(ctx);
    const self = this;
    this.charts = {
      add(type, source, seriesBy) {
        const chart: FakeChart = { type, source: { top: 0, left: 0, bottom: 0, right: 0 }, seriesBy };
        ctx.enqueue(() => {
          chart.source = (source as unknown as { rect: () => Rect }).rect() as Rect;
          self.sheet().charts.push(chart);
        });
        return {
          title: {
            set text(t: string) {
              ctx.enqueue(() => (chart.title = t));
            },
          } as { text: string },
          setPosition(a: string, b?: string) {
            ctx.enqueue(() => (chart.position = [a, b]));
          },
        };
      },
    };
    this.freezePanes = {
      freezeRows: (n) => {
        ctx.requires('1.7', 'WorksheetFreezePanes.freezeRows');
        ctx.enqueue(() => (this.sheet().frozenRows = n));
      },
    };
  }

  private sheet(): FakeSheet {
    const s = this.sheetRef();
    if (!s) throw new Error('ItemNotFound: worksheet');
    return s;
  }

  load(props: string): this {
    this.queueLoad(props, (p) => {
      const s = this.sheetRef();
      if (p === 'isNullObject') return !s;
      if (p === 'id' || p === 'name' || p === 'visibility') return (s as FakeSheet)[p];
      throw new Error(`fake: worksheet.${p} not supported`);
    });
    return this;
  }

  get id(): string {
    return this.loaded('id');
  }

  get name(): string {
    return this.loaded('name');
  }

  get visibility(): string {
    return this.loaded('visibility');
  }

  set visibility(v: string) {
    this.ctx.enqueue(() => (this.sheet().visibility = v));
  }

  getRange(address: string): RangeProxy {
    const r = parseRef(address);
    return new RangeProxy(this.ctx, this.sheetRef, () => r);
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    this.ctx.requires('1.7', 'Worksheet.getRangeByIndexes');
    if (rows < 1 || cols < 1) throw new Error(`InvalidArgument: ${rows}×${cols} range`);
    return new RangeProxy(this.ctx, this.sheetRef, () => ({ top: row + 1, left: col + 1, bottom: row + rows, right: col + cols }));
  }

  getRanges(address: string): AreasProxy {
    this.ctx.requires('1.9', 'Worksheet.getRanges');
    const rects = address.split(',').map(parseRef);
    return new AreasProxy(this.ctx, this.sheetRef, () => rects);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    this.ctx.requires('1.4', 'Worksheet.getUsedRangeOrNullObject');
    return new RangeProxy(this.ctx, this.sheetRef, () => this.sheetRef()?.usedRect(!!valuesOnly) ?? null);
  }

  activate(): void {
    this.ctx.enqueue(() => (this.ctx.book.active = this.sheet()));
  }

  delete(): void {
    this.ctx.enqueue(() => {
      const book = this.ctx.book;
      const s = this.sheet();
      if (book.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0) throw new Error('InvalidOperation: last visible sheet');
      book.sheets = book.sheets.filter((x) => x !== s);
      if (book.active === s) book.active = book.sheets.find((x) => x.visibility === 'Visible') as FakeSheet;
    });
  }
}

class WorksheetsProxy extends Loadable {
  constructor(ctx: FakeContext) {
    super(ctx);
  }

  getActiveWorksheet(): WorksheetProxy {
    const book = this.ctx.book;
    // The active sheet at the time the batch runs, as in Excel.
    let resolved: FakeSheet | null = null;
    this.ctx.enqueue(() => (resolved = book.active));
    return new WorksheetProxy(this.ctx, () => resolved ?? book.active);
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    this.ctx.requires('1.4', 'WorksheetCollection.getItemOrNullObject');
    const book = this.ctx.book;
    return new WorksheetProxy(this.ctx, () => book.sheets.find((s) => s.id === key || s.name === key) ?? null);
  }

  add(name: string): WorksheetProxy {
    let created: FakeSheet | null = null;
    this.ctx.enqueue(() => (created = this.ctx.book.addSheet(name)));
    return new WorksheetProxy(this.ctx, () => created);
  }

  load(props: string): this {
    const wanted = props
      .split(',')
      .map((p) => p.trim().replace(/^items\//, ''))
      .join(',');
    this.queueLoad('items', (p) => {
      if (p === 'isNullObject') return false;
      return this.ctx.book.sheets.map((s) => {
        const proxy = new WorksheetProxy(this.ctx, () => (this.ctx.book.sheets.includes(s) ? s : null));
        // Collection items come back loaded with the properties asked for.
        const snap: Record<string, unknown> = { isNullObject: false };
        for (const w of wanted.split(',')) if (w === 'id' || w === 'name' || w === 'visibility') snap[w] = s[w];
        return proxy.prime(snap);
      });
    });
    return this;
  }

  get items(): WorksheetProxy[] {
    return this.loaded('items');
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetsProxy;
  readonly onSelectionChanged: { add(handler: () => unknown): void };
  readonly application: { calculate(type: string): void };

  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new WorksheetsProxy(ctx);
    this.application = {
      calculate: (type) =>
        ctx.enqueue(async () => {
          const book = ctx.book;
          book.calculations.push(type);
          // Only a full calculation reaches a custom function cell whose arguments did not change.
          if ((type !== 'Full' && type !== 'FullRebuild') || !book.calculator) return;
          for (const sheet of book.sheets) for (const cell of sheet.cells.values()) if (cell.formula) cell.value = await book.calculator(sheet, cell);
        }),
    };
    this.onSelectionChanged = { add: (handler) => ctx.enqueue(() => ctx.book.selectionHandlers.push(handler)) };
  }

  getSelectedRange(): RangeProxy {
    // Excel always has a selection: A1 of the active sheet until the user picks a cell.
    const book = this.ctx.book;
    const sel = () => book.selection ?? { sheet: book.active, row: 1, col: 1 };
    return new RangeProxy(
      this.ctx,
      () => sel().sheet,
      () => ({ top: sel().row, left: sel().col, bottom: sel().row, right: sel().col }),
    );
  }
}

/** Excel.run over a fake workbook; `contexts` collects each run's context for sync counts. */
export function fakeRun(book: FakeWorkbook, contexts: FakeContext[] = []) {
  return async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(book);
    contexts.push(ctx);
    return batch(ctx as unknown as Excel.RequestContext);
  };
}
