/**
 * A plan turned into what the evaluator runs on every row: each subject's criteria tree flattened
 * into numbered nodes over numbered column slots, the tests' constants resolved (an "atLeast"
 * label to its rank), and the fixed parts of every explanation (citations, labels, readings)
 * worded once. Built once per compiled plan; the per-row work is then reading cells and comparing.
 */
import type { ColumnDef } from './columns';
import { isJoin, type CompiledPlan } from './compile';
import type { Expr, Leaf, Scope } from './plan-schema';
import { fold } from './text';
import type { SubjectId, TierId } from './vocabulary';

/** Test operations, as small integers the evaluator switches on. */
export const OP_YES = 0;
export const OP_NO = 1;
export const OP_AT_LEAST = 2;
export const OP_MIN = 3;
export const OP_NOT_AFTER = 4;
export const OP_AT_LEAST_COLUMN = 5;
export const OP_MORE = 6;
export const OP_LESS = 7;
export const OP_MAX = 8;

/** Node results, as stored in a row's result array. */
export const PASS = 0;
export const FAIL = 1;
export const MISSING = 2;
export const NA = 3;

export interface FlatNode {
  expr: Expr;
  /** Index of this node's result in the row's result array. */
  index: number;
  /** Leaves only: the slot of the column read, and of the column compared with (or -1). */
  slot: number;
  otherSlot: number;
  op: number;
  /** "min", "more", "less", "max": the constant; "atLeast": the rank of the wanted value on the column's scale. */
  threshold: number;
  isAll: boolean;
  /**
   * A join the engine made (the general standard with a subject's criteria, a subject's criteria
   * with a form's): a member that does not apply to the row fails it, so that a row none of whose
   * own criteria apply never passes on the other member alone.
   */
  strict: boolean;
  children: FlatNode[];
  scope: Scope | undefined;
  /** ". Cách hiểu: …" when the plan words a reading. */
  reading: string;
  /** Leaves' fixed explanation parts: "label: " before the detail, ". Cách hiểu: …. Lưu ý: …" after it. */
  prefix: string;
  suffix: string;
  /** Groups: "label (đạt tất cả các điều kiện). Cách hiểu: …". */
  groupText: string;
  citation: string;
  /**
   * Leaves: the whole text for each detail met so far ("có", "không", "chưa có …"): the same few
   * recur on every row, so each is worded once (criteria-tree leafText bounds it). Groups carry an
   * empty one, so that every node has the same shape.
   */
  texts: Map<string, string>;
}

export interface Slot {
  header: string;
  def: ColumnDef;
}

/** A subject's flattened criteria: its own, and each award form's that states criteria of its own. */
export interface SubjectTrees {
  base: FlatNode;
  /** Per award form with criteria of its own (compile formExprs); `k` numbers it within the program. */
  forms: ReadonlyMap<TierId, FormTree>;
  /** The result index of the subject's own criteria in `base` (-1: not there). */
  own: number;
}

export interface FormTree {
  node: FlatNode;
  k: number;
  /** The result index of the subject's own criteria in this tree (-1: a form's criteria replaced them). */
  own: number;
}

export interface Program {
  slots: Slot[];
  /** The flattened criteria of each subject the plan judges (general standard included). */
  trees: ReadonlyMap<SubjectId, SubjectTrees>;
  /**
   * Length of a row's result array: every tree's nodes are numbered apart, so that one row can
   * evaluate several (its proposed form's and the others', for the highest form it meets).
   */
  nodes: number;
  /** How many form trees there are (their results are remembered per row by `k`). */
  formTrees: number;
}

const programs = new WeakMap<CompiledPlan, Program>();

export function programOf(compiled: CompiledPlan): Program {
  let p = programs.get(compiled);
  if (!p) {
    p = build(compiled);
    programs.set(compiled, p);
  }
  return p;
}

const OPS: Record<Leaf['test']['op'], number> = {
  yes: OP_YES,
  no: OP_NO,
  atLeast: OP_AT_LEAST,
  min: OP_MIN,
  notAfter: OP_NOT_AFTER,
  atLeastColumn: OP_AT_LEAST_COLUMN,
  more: OP_MORE,
  less: OP_LESS,
  max: OP_MAX,
};

function build(compiled: CompiledPlan): Program {
  const slots: Slot[] = [];
  const slotOf = new Map<string, number>();
  const slot = (header: string): number => {
    let s = slotOf.get(header);
    if (s === undefined) {
      s = slots.length;
      slotOf.set(header, s);
      slots.push({ header, def: compiled.registry.get(header) as ColumnDef });
    }
    return s;
  };
  const trees = new Map<SubjectId, SubjectTrees>();
  let count = 0;
  let formTrees = 0;
  for (const [subject, applied] of compiled.criteria) {
    const flatten = (e: Expr): FlatNode => {
      const index = count++;
      const reading = e.reading ? `. Cách hiểu: ${e.reading}` : '';
      const citation = e.cite ? compiled.cite(e.cite) : '';
      if ('column' in e) {
        const t = e.test;
        return {
          expr: e,
          index,
          slot: slot(e.column),
          otherSlot: 'column' in t ? slot(t.column) : -1,
          op: OPS[t.op],
          threshold: 'value' in t ? (t.op === 'atLeast' ? rankOfLabel(compiled, e.column, t.value) : t.value) : 0,
          isAll: false,
          strict: false,
          children: [],
          scope: e.appliesTo,
          reading,
          prefix: `${e.label}: `,
          suffix: `${reading}${e.notice ? `. Lưu ý: ${e.notice}` : ''}`,
          groupText: '',
          citation,
          texts: new Map(),
        };
      }
      const node: FlatNode = {
        expr: e,
        index,
        slot: -1,
        otherSlot: -1,
        op: OP_YES,
        threshold: 0,
        isAll: e.all !== undefined,
        strict: isJoin(e),
        children: [],
        scope: e.appliesTo,
        reading,
        prefix: '',
        suffix: '',
        groupText: `${e.label ?? ''} (${e.all ? 'đạt tất cả các điều kiện' : 'đạt một trong các điều kiện'})${reading}`,
        citation,
        texts: new Map(),
      };
      for (const m of e.all ?? e.any ?? []) node.children.push(flatten(m));
      return node;
    };
    // Where the subject's own criteria sit in a tree: a row none of whose own criteria apply is
    // told so (evaluate), since nothing else in the trace would say why it fails.
    const ownIn = (node: FlatNode): number => {
      if (node.expr === applied.rule.criteria) return node.index;
      for (const c of node.children) {
        const hit = ownIn(c);
        if (hit >= 0) return hit;
      }
      return -1;
    };
    const forms = new Map<TierId, FormTree>();
    for (const [tier, expr] of applied.forms) {
      const node = flatten(expr);
      forms.set(tier, { node, k: formTrees++, own: ownIn(node) });
    }
    const base = flatten(applied.expr);
    trees.set(subject, { base, forms, own: ownIn(base) });
  }
  return { slots, trees, nodes: count, formTrees };
}

/** The rank of a scale value named by its label; +∞ (never reached) for a label the scale lacks. */
function rankOfLabel(compiled: CompiledPlan, column: string, label: string): number {
  const wanted = fold(label);
  return compiled.registry.get(column)?.scale?.find((v) => v.labels.some((l) => fold(l) === wanted))?.rank ?? Number.POSITIVE_INFINITY;
}
