/**
 * The schema's verdict on a plan read from a workbook, made precise and said in Vietnamese at the
 * cell it concerns. Zod reports a failing union (a criterion is a leaf or a group; a subject has
 * criteria or is judged as another) as one vague issue; the reader knows which rows are criteria,
 * so each criterion is validated on its own and the union's right branch is kept.
 */
import type { z } from 'zod';
import { COL, buildRegistry, type ColumnDef } from '../columns';
import { ExprSchema, LeafSchema, PlanSchema, validatePlan, type PlanIssue } from '../plan-schema';
import { WORDED } from '../plan-guard';
import { issueVi } from '../plan-issues-vi';
import { TIER_IDS } from '../vocabulary';
import { COLUMN_TYPE_CHOICES, OP_CHOICES, TIER_CHOICES, cellRef, labelOf, type BookError, type BookLoc } from './format';

type Path = (string | number)[];
type ZIssue = z.core.$ZodIssue;

/** A plan issue with, when it comes from zod, its code (the message alone is English and terse). */
export interface Issue extends PlanIssue {
  code?: string;
  input?: unknown;
  /** The zod issue itself (expected kind, allowed values, unknown keys…), for plan-issues-vi.ts. */
  zod?: unknown;
}

const key = (p: Path): string => JSON.stringify(p);

// Stands in for a group's members so that a group is judged on its own fields only.
const STUB = { id: 'x', label: 'x', column: 'x', test: { op: 'yes' }, cite: { ref: '§x', quote: 'x' } };

function at(data: unknown, path: Path): unknown {
  let v = data;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

function flat(issues: readonly ZIssue[], prefix: Path, data: unknown): Issue[] {
  const out: Issue[] = [];
  for (const i of issues) {
    const path = [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (i.code === 'invalid_union' && 'errors' in i && i.errors.length) {
      // The branch the data meant is the one that does not reject the data's own keys.
      const branches = i.errors.map((b) => flat(b, path, data));
      const score = (b: Issue[]) => b.filter((x) => x.code === 'unrecognized_keys' && x.path.length === path.length).length * 100 + b.length;
      out.push(...branches.reduce((best, b) => (score(b) < score(best) ? b : best)));
      continue;
    }
    out.push({ path, message: i.message, code: i.code, input: at(data, path), zod: i });
  }
  return out;
}

function exprIssues(node: unknown, path: Path): Issue[] {
  if (node && typeof node === 'object' && ('column' in node || 'test' in node)) {
    const r = LeafSchema.strict().safeParse(node);
    return r.success ? [] : flat(r.error.issues, path, node).map((i) => ({ ...i, input: at(node, i.path.slice(path.length)) }));
  }
  const g = (node ?? {}) as Record<string, unknown>;
  const members = (Array.isArray(g.all) ? g.all : Array.isArray(g.any) ? g.any : []) as unknown[];
  const k = Array.isArray(g.all) ? 'all' : 'any';
  const copy = { ...g, ...(members.length ? { [k]: members.map(() => STUB) } : {}) };
  const own: Issue[] = [];
  const r = ExprSchema.safeParse(copy);
  if (!r.success) {
    for (const i of r.error.issues) {
      if (i.code === 'invalid_union' && 'errors' in i) {
        const branch = i.errors.find((b) => !b.some((x) => x.path[0] === 'column' || x.path[0] === 'test')) ?? i.errors[0];
        own.push(...flat(branch, path, copy).map((x) => ({ ...x, input: at(copy, x.path.slice(path.length)) })));
      } else own.push(...flat([i], path, copy));
    }
  }
  return [...own, ...members.flatMap((m, i) => exprIssues(m, [...path, k, i]))];
}

/** Every shape problem of the plan data, each at the most precise path. */
export function shapeIssues(data: unknown, exprRoots: readonly Path[]): Issue[] {
  if (PlanSchema.safeParse(data).success) return [];
  // Criteria are judged one by one; the rest of the plan with criteria replaced by a valid stub.
  const rest = structuredClone(data) as Record<string, unknown>;
  for (const p of exprRoots) {
    const parent = at(rest, p.slice(0, -1)) as Record<string | number, unknown> | undefined;
    if (parent && typeof parent === 'object') parent[p[p.length - 1]] = STUB;
  }
  const r = PlanSchema.safeParse(rest);
  const issues = r.success ? [] : flat(r.error.issues, [], data);
  return [...issues, ...exprRoots.flatMap((p) => exprIssues(at(data, p), p))];
}

/**
 * The reference problems (unknown column, value not on the scale, id used twice…) of a plan whose
 * shape is not right yet, so that they are listed with the shape problems rather than after a fix:
 * the plan is checked with every part that failed its shape replaced by a valid stand-in, whose
 * own findings are dropped.
 */
export function referenceIssues(data: unknown, exprRoots: readonly Path[]): PlanIssue[] {
  const d = data as Record<string, unknown>;
  const cite = STUB.cite;
  const stubbed: string[] = [];
  let n = 0;
  const repair = (node: unknown, path: Path): unknown => {
    if (node && typeof node === 'object' && ('column' in node || 'test' in node)) {
      if (LeafSchema.strict().safeParse(node).success) return node;
      stubbed.push(key(path).slice(0, -1));
      return { ...STUB, id: `x--${n++}`, column: COL.lawAbiding };
    }
    const g = { ...((node ?? {}) as Record<string, unknown>) };
    const k = Array.isArray(g.all) ? 'all' : 'any';
    const members = (Array.isArray(g[k]) ? g[k] : []) as unknown[];
    const repaired = members.map((m, i) => repair(m, [...path, k, i]));
    const out: Record<string, unknown> = { id: g.id, [k]: repaired.length ? repaired : [{ ...STUB, id: `x--${n++}`, column: COL.lawAbiding }] };
    for (const f of ['label', 'cite', 'reading']) if (g[f] !== undefined) out[f] = g[f];
    if (!ExprSchema.safeParse({ ...out, [k]: [STUB] }).success) {
      stubbed.push(key(path).slice(0, -1));
      return { id: `x--${n++}`, [k]: out[k] };
    }
    return out;
  };
  const subjects: Record<string, unknown> = {};
  for (const [s, rule] of Object.entries((d.subjects ?? {}) as Record<string, Record<string, unknown>>)) {
    // A plan JSON may hold anything here; the shape problems say so already.
    if (!rule || typeof rule !== 'object') continue;
    if ('judgedAs' in rule) subjects[s] = { judgedAs: rule.judgedAs, reading: 'x', cite };
    else subjects[s] = { letter: 'x', label: 'x', cite, criteria: rule.criteria === undefined ? { ...STUB, id: `x--${n++}`, column: COL.lawAbiding } : repair(rule.criteria, ['subjects', s, 'criteria']) };
  }
  const repaired = {
    id: 'x',
    title: 'x',
    issuer: 'x',
    document: 'x',
    source: { file: 'x' },
    roundYears: { 'so-ket': 1, 'tong-ket': 1, cite },
    tiers: Object.fromEntries(
      [...TIER_IDS, ...((Array.isArray(d.awardForms) ? d.awardForms : []) as { id?: unknown }[]).map((f) => String(f?.id))].map((t) => [t, { kind: 'none' }]),
    ),
    subjects,
    columns: d.columns,
    scales: d.scales,
    subjectTypes: d.subjectTypes,
    awardForms: d.awardForms,
    ...(d.general !== undefined && exprRoots.some((p) => p[0] === 'general') ? { general: repair(d.general, ['general']) } : {}),
  };
  const r = validatePlan(repaired);
  // Columns of the wrong shape leave no registry to check against: their own issues say enough.
  if (r.ok || !PlanSchema.safeParse(repaired).success) return [];
  return r.issues.filter((i) => !stubbed.some((p) => key(i.path).startsWith(p)));
}

export interface IssueContext {
  locate(path: Path): BookLoc;
  /** Where an id was first written (for "used twice"). */
  firstId(id: string): BookLoc | undefined;
}

/** One issue → "Tiêu chí!F12"-located Vietnamese message saying what to do. */
export function describeIssue(issue: Issue, data: unknown, ctx: IssueContext): BookError {
  const loc = ctx.locate(issue.path);
  const path = issue.path;
  const last = path[path.length - 1];
  const parentKey = path[path.length - 2];
  const value = issue.input ?? at(data, path);
  const h = loc.header ? `“${loc.header}”` : 'ô này';
  const blank = value === undefined || value === '' || (issue.code === 'invalid_type' && issue.input === undefined);
  const say = (message: string): BookError => ({ sheet: loc.sheet, cell: cellRef(loc), message });
  // Traps, reserved keys and runaway nesting come worded already (plan-traps.ts, plan-guard.ts).
  if (issue.code === WORDED) return say(issue.message);
  const vi = (): string => issueVi(issue, data, () => h);

  // Reference problems found after the shape is right (validatePlan): the path says which.
  if (issue.code === undefined) {
    if (last === 'column' && parentKey !== 'test') return say(`không có cột “${String(value)}”; dùng đúng tiêu đề cột chuẩn (sheet “Hướng dẫn”) hoặc khai báo cột ở sheet “Cột riêng”`);
    if (last === 'column' && parentKey === 'test') return say(`không có cột “${String(value)}” để so sánh; ghi đúng tiêu đề một cột chuẩn hoặc cột riêng`);
    if (last === 'value' && parentKey === 'test') {
      const leaf = at(data, path.slice(0, -2)) as { column: string };
      const def = buildRegistry(((data as { columns?: ColumnDef[] }).columns ?? []) as ColumnDef[]).get(leaf.column);
      const levels = (def?.scale ?? []).map((v) => v.labels[0]).join('; ');
      return say(`cột “${leaf.column}” không có mức “${String(value)}”; các mức: ${levels}`);
    }
    if (last === 'op' && parentKey === 'test') {
      const leaf = at(data, path.slice(0, -2)) as { column: string; test: { op: string } };
      const def = buildRegistry(((data as { columns?: ColumnDef[] }).columns ?? []) as ColumnDef[]).get(leaf.column);
      const type = def ? labelOf(COLUMN_TYPE_CHOICES, def.type) : '?';
      return say(`phép thử “${labelOf(OP_CHOICES, leaf.test.op as never)}” không dùng được cho cột “${leaf.column}” (kiểu ${type}); chọn phép thử hợp với kiểu cột (sheet “Hướng dẫn”)`);
    }
    if (last === 'id' && (path[0] === 'subjectTypes' || path[0] === 'awardForms')) return say(vi());
    if (last === 'id') {
      const first = ctx.firstId(String(value));
      const where = first ? ` (đã có ở ${first.sheet}!${cellRef(first)})` : '';
      return say(`mã “${String(value)}” dùng hai lần${where}; mỗi dòng một mã riêng`);
    }
    if (path.length === 2 && path[0] === 'tiers') return say(`hình thức “${String(last)}” chưa có dòng ở sheet “Hình thức khen” (hoặc chưa khai báo ở sheet “Hình thức riêng”); mỗi hình thức một dòng`);
    if (path.length === 2 && path[0] === 'subjects') return say(`loại đối tượng “${String(last)}” chưa khai báo ở sheet “Loại đối tượng riêng”`);
    if (last === 'judgedAs') return say(`đối tượng “${String(value)}” không có tiêu chí riêng trong kế hoạch này; chọn đối tượng có dòng gốc ở sheet “Tiêu chí”`);
    return say(`${vi()} (sheet “Hướng dẫn”)`);
  }

  if ((last === 'all' || last === 'any') && issue.code === 'too_small') {
    const id = String((at(data, path.slice(0, -1)) as { id?: string })?.id ?? '');
    return say(`nhóm “${id}” không có dòng con nào; thêm các dòng ghi “Thuộc nhóm” là “${id}”, hoặc đổi “Loại” thành “Tiêu chí”`);
  }
  if (last === 'cite' && blank) return say('thiếu trích dẫn: ghi “Mục trích dẫn” (ví dụ “V.1.b•1” hoặc “Điều 27.3.a”) và “Nguyên văn” (lời văn của kế hoạch)');
  if (last === 'ref' && parentKey !== undefined && String(parentKey).toLowerCase().includes('cite') && blank) {
    return say(`${h} đang trống; ghi mục của kế hoạch như văn bản ghi, ví dụ “V.1.b•1” hoặc “Điều 27.3.a”`);
  }
  if (last === 'quote' && blank) return say(`${h} đang trống; chép lời văn của kế hoạch ở mục được trích`);
  if (path.length === 2 && path[0] === 'tiers' && blank) {
    const tier = TIER_IDS.find((t) => t === last);
    return say(`thiếu dòng cho hình thức “${tier ? labelOf(TIER_CHOICES, tier) : String(last)}”; mỗi hình thức một dòng (chọn “Không áp dụng” nếu kế hoạch không khen hình thức này)`);
  }
  if (last === 'criteria' && blank) return say('đối tượng này chưa có tiêu chí: thêm dòng gốc ở sheet “Tiêu chí” (Đối tượng là đối tượng này)');
  if (last === 'id' && issue.code === 'invalid_format') {
    return say(`mã “${String(value)}” chỉ gồm chữ thường không dấu, số, “.” và “-”${path.length === 1 ? '' : ', ví dụ “b.1”'}`);
  }
  if (issue.code === 'unrecognized_keys') return say(`${h}: dòng loại này không dùng ô này; để trống (sheet “Hướng dẫn”)`);
  if (blank) return say(`${h} đang trống; ghi giá trị (xem sheet “Hướng dẫn”)`);
  if (issue.code === 'custom' && last === 'period') {
    const p = (value ?? {}) as { from?: unknown; to?: unknown };
    return say(`${h} (${String(p.from)}) sau “Hiệu lực đến năm” (${String(p.to)}): năm đầu của giai đoạn phải trước năm cuối; sửa một trong hai ô, ví dụ 2026 và 2030`);
  }
  return say(`${vi()} (sheet “Hướng dẫn”)`);
}

export { key as pathKey };
