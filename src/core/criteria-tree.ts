/**
 * A subject's flattened criteria tree on one row: three-valued evaluation into the row state's
 * result array, the columns left undecided, and the trace that explains it in the plan's words.
 */
import type { CompiledPlan } from './compile';
import type { Outcome, Step } from './decision';
import type { Expr, Leaf } from './plan-schema';
import { FAIL, MISSING, NA, OP_AT_LEAST, OP_MAX, OP_MIN, OP_MORE, OP_LESS, OP_NO, OP_NOT_AFTER, OP_YES, PASS, type FlatNode, type SubjectTrees } from './program';
import type { RowState } from './row-state';
import type { OrdinalReading } from './values';
import type { SubjectId, TierId } from './vocabulary';

const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'missing', 'n/a', 'n/a'];
/** A node cut by its own scope: n/a to its parent, and explained as "không áp dụng". */
export const OUT = 4;
const asParent = (x: number): number => (x === OUT ? NA : x);

/**
 * Three-valued evaluation (spec §5) of a subject's tree, once per row; every member of a group is
 * evaluated (no short cut), so each unreadable value is noted and each criterion can be explained.
 */
export function evalNode(n: FlatNode, r: RowState, subject: SubjectId, subjectText: string): number {
  let res: number;
  if (n.scope !== undefined && !r.plan.inScope(n.scope, subject, subjectText)) res = OUT;
  else if (n.slot >= 0) {
    const parsed = r.slot(n.slot);
    res = parsed.kind === 'value' ? applyTest(n, parsed.value, r) : MISSING;
  } else {
    let inScope = 0;
    let passes = 0;
    let fails = 0;
    const children = n.children;
    for (let i = 0; i < children.length; i++) {
      const c = evalNode(children[i], r, subject, subjectText);
      if (c === NA || c === OUT) {
        if (!n.strict) continue;
        inScope++;
        fails++;
        continue;
      }
      inScope++;
      if (c === PASS) passes++;
      else if (c === FAIL) fails++;
    }
    if (inScope === 0) res = NA;
    else if (n.isAll) res = fails > 0 ? FAIL : passes === inScope ? PASS : MISSING;
    else res = passes > 0 ? PASS : fails === inScope ? FAIL : MISSING;
  }
  r.results[n.index] = res;
  return res;
}

/** Every bullet out of scope: nothing of the plan applies to this row, which is no pass. */
export const verdict = (x: number): number => (x === NA || x === OUT ? FAIL : x);

/** The criteria's verdict for one form: its own tree's (evaluated once per row), else the subject's. */
export function formVerdict(r: RowState, trees: SubjectTrees, tier: TierId, base: number, subject: SubjectId, subjectText: string): number {
  const f = trees.forms.get(tier);
  if (f === undefined) return base;
  if (r.formStamp[f.k] !== r.gen) {
    r.formResult[f.k] = verdict(evalNode(f.node, r, subject, subjectText));
    r.formStamp[f.k] = r.gen;
  }
  return r.formResult[f.k];
}

/** The test alone, on every row; its wording is made only when the reasons are read. */
function applyTest(n: FlatNode, v: unknown, r: RowState): number {
  switch (n.op) {
    case OP_YES:
      return v === true ? PASS : FAIL;
    case OP_NO:
      return v === false ? PASS : FAIL;
    case OP_AT_LEAST: {
      const got = v as OrdinalReading;
      return !got.offScale && got.rank >= n.threshold ? PASS : FAIL;
    }
    case OP_MIN:
      return (v as number) >= n.threshold ? PASS : FAIL;
    case OP_MORE:
      return (v as number) > n.threshold ? PASS : FAIL;
    case OP_LESS:
      return (v as number) < n.threshold ? PASS : FAIL;
    case OP_MAX:
      return (v as number) <= n.threshold ? PASS : FAIL;
    default: {
      const other = r.slot(n.otherSlot);
      if (other.kind !== 'value') return MISSING;
      const a = v as number;
      const b = other.value as number;
      return (n.op === OP_NOT_AFTER ? a <= b : a >= b) ? PASS : FAIL;
    }
  }
}

/** The trace of a tree; members that cannot change a decided group are shown as "n/a" (not needed). */
export function traceNode(n: FlatNode, r: RowState, out: Step[], depth: number, needed: boolean, subjectText: string): void {
  const e = n.expr;
  const res = r.results[n.index];
  if (res === OUT) {
    out.push({
      kind: 'column' in e ? 'criterion' : 'group',
      id: e.id,
      label: e.label ?? '',
      result: 'n/a',
      text: `${e.label ?? ''}: không áp dụng cho đối tượng “${subjectText}” (chỉ áp dụng cho ${scopeText(n.scope!, r.plan)})${n.reading}`,
      citation: n.citation,
      depth,
    });
    return;
  }
  if ('column' in e) {
    out.push({
      kind: 'criterion',
      id: e.id,
      label: e.label,
      result: needed ? OUTCOMES[res] : 'n/a',
      value: r.slotText(n.slot) || undefined,
      text: leafText(n, leafDetail(n, r)),
      citation: n.citation,
      depth,
    });
    return;
  }
  const shown = Boolean(e.label || e.cite);
  if (shown) {
    out.push({ kind: 'group', id: e.id, label: e.label ?? '', result: needed ? OUTCOMES[res] : 'n/a', text: n.groupText, citation: n.citation, depth });
  }
  const decidedBy = res === MISSING ? -1 : res;
  for (const c of n.children) {
    traceNode(c, r, out, shown ? depth + 1 : depth, needed && (decidedBy === -1 || asParent(r.results[c.index]) === decidedBy), subjectText);
  }
}

/** Distinct details a leaf remembers: amounts compared to a minimum are as many as the rows. */
const LEAF_TEXTS = 64;

/** A leaf's text for a detail: worded once per detail, up to LEAF_TEXTS of them. */
function leafText(n: FlatNode, detail: string): string {
  let text = n.texts.get(detail);
  if (text === undefined) {
    text = `${n.prefix}${detail}${n.suffix}`;
    if (n.texts.size < LEAF_TEXTS) n.texts.set(detail, text);
  }
  return text;
}

/** What a leaf read and how it compared, in words. */
function leafDetail(n: FlatNode, r: RowState): string {
  const e = n.expr as Leaf;
  const parsed = r.slot(n.slot);
  if (parsed.kind === 'blank') return `chưa có “${e.column}”`;
  if (parsed.kind === 'unreadable') return `không đọc được “${parsed.raw}” (cần ${parsed.expected})`;
  const v = parsed.value;
  const test = e.test;
  const pass = r.results[n.index] === PASS;
  switch (test.op) {
    case 'yes':
      return v === true ? 'có' : 'không';
    case 'no':
      return v === false ? 'không' : 'có';
    case 'atLeast': {
      const got = v as OrdinalReading;
      if (got.offScale) return `${got.label}, không đạt ${test.value}: ${got.offScale}`;
      // The ✓/✗ says whether it passed; "Chưa đạt, chưa đạt Đạt chuẩn" said it twice.
      return `${got.label} (cần ${test.value} trở lên)`;
    }
    case 'min':
    case 'more':
    case 'less':
    case 'max':
      return `${numberText(v as number, r.program.slots[n.slot].def.type)} ${COMPARE[test.op][pass ? 0 : 1]} ${numberText(test.value, r.program.slots[n.slot].def.type)}`;
    case 'notAfter':
    case 'atLeastColumn': {
      const other = r.slot(n.otherSlot);
      if (other.kind !== 'value') return `chưa có “${test.column}” để so sánh`;
      const a = v as number;
      const b = other.value as number;
      if (test.op === 'notAfter') return pass ? `${a} ≤ ${b} (${test.column})` : `${a} muộn hơn ${b} (${test.column})`;
      return `${formatNumberVi(a)} ${pass ? '≥' : '<'} ${formatNumberVi(b)} (${test.column})`;
    }
  }
}

/** A number as its column reads it: years as written ("2025"), amounts and rates grouped ("40.000.000"). */
export function numberText(n: number, type: string): string {
  return type === 'year' ? String(n) : formatNumberVi(n);
}

/** How a number compared with the plan's constant: the sign when it passes, and when it fails. */
const COMPARE = { min: ['≥', '<'], more: ['>', '≤'], less: ['<', '≥'], max: ['≤', '>'] } as const;

/**
 * The leaf that decided a tree on this row (the first failed one of a failed tree, the first
 * undecided one of an undecided tree), as its explanation line would word it: why a row misses a
 * form ("chưa đủ Giấy khen của Chủ tịch UBND huyện: 25.000.000 < 40.000.000").
 */
export function decidingLeaf(n: FlatNode, r: RowState): { text: string; citation: string } | null {
  const res = r.results[n.index];
  if (res !== FAIL && res !== MISSING) return null;
  if (n.slot >= 0) return { text: leafText(n, leafDetail(n, r)), citation: n.citation };
  for (const c of n.children) {
    if (r.results[c.index] !== res) continue;
    const hit = decidingLeaf(c, r);
    if (hit) return hit;
  }
  return null;
}

function scopeText(scope: NonNullable<Expr['appliesTo']>, compiled: CompiledPlan): string {
  return [...(scope.subjects ?? []).map((s) => compiled.subjectName(s)), ...(scope.labels ?? []).map((l) => `“${l}”`)].join(', ');
}

/**
 * Numbers as Vietnamese write them ("1.234.567", "0,5"). Whole numbers, by far the most common
 * (amounts in đồng, years, counts), and plain decimals (a rate of 1,5 triệu) are written here: ICU
 * formatting costs more than the rest of an explanation, and its first use some 20 ms. The rest
 * (exponents, -0) goes to ICU; a property test holds the two to the same output.
 */
export function formatNumberVi(n: number): string {
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return (n < 0 ? '-' : '') + grouped(String(n < 0 ? -n : n));
  const plain = Number.isFinite(n) && !Object.is(n, -0) ? plainDecimal(n) : undefined;
  return plain ?? (viNumber ??= makeViNumber())(n);
}

/** Integer digits grouped by thousands with dots. */
function grouped(digits: string): string {
  let i = digits.length % 3 || 3;
  let s = digits.slice(0, i);
  for (; i < digits.length; i += 3) s += `.${digits.slice(i, i + 3)}`;
  return s;
}

/**
 * A decimal as ICU writes it in Vietnamese with at most four decimals: the number's shortest
 * decimal form rounded half away from zero at the fourth decimal, trailing zeros dropped, a comma
 * before the decimals. Undefined for what it leaves to ICU (an exponent form).
 */
function plainDecimal(n: number): string | undefined {
  const text = String(n < 0 ? -n : n);
  const dot = text.indexOf('.');
  if (dot < 0 || !/^\d+\.\d+$/.test(text)) return undefined;
  let digits = text.slice(0, dot) + text.slice(dot + 1, dot + 5).padEnd(4, '0');
  if (text.length > dot + 5 && text.charCodeAt(dot + 5) >= 0x35) {
    // Round up: add one at the last kept digit, carrying leftwards.
    const d = digits.split('');
    let k = d.length - 1;
    while (k >= 0 && d[k] === '9') d[k--] = '0';
    if (k < 0) d.unshift('1');
    else d[k] = String.fromCharCode(d[k].charCodeAt(0) + 1);
    digits = d.join('');
  }
  const int = digits.slice(0, -4).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(-4).replace(/0+$/, '');
  // A negative number rounded to nothing stays "-0", as ICU writes it.
  return `${n < 0 ? '-' : ''}${grouped(int)}${frac ? `,${frac}` : ''}`;
}

/**
 * ICU's formatter made once: `toLocaleString` builds a new one on every call, which made a plan
 * with fractional amounts (Nguyễn Bình's) spend half its explanation time there. The same output:
 * `toLocaleString(locale, options)` is specified as a NumberFormat of that locale and options.
 */
let viNumber: ((n: number) => string) | undefined;
function makeViNumber(): (n: number) => string {
  const options = { maximumFractionDigits: 4 };
  if (typeof Intl === 'undefined' || typeof Intl.NumberFormat !== 'function') return (n) => n.toLocaleString('vi-VN', options);
  const f = new Intl.NumberFormat('vi-VN', options);
  return (n) => f.format(n);
}

/** Columns left undecided in undecided groups (spec §5 `missing`), never those of decided alternatives. */
export function collectMissing(n: FlatNode, r: RowState): void {
  if (r.results[n.index] !== MISSING) return;
  if (n.slot >= 0) {
    if (r.slot(n.slot).kind !== 'value') r.need(r.program.slots[n.slot].header);
    else if (n.otherSlot >= 0 && r.slot(n.otherSlot).kind !== 'value') r.need(r.program.slots[n.otherSlot].header);
    return;
  }
  for (const c of n.children) collectMissing(c, r);
}

