/**
 * Goal 1's input and peer for any shipped plan.
 *
 * - `planRows`: varied nominee rows for one plan, drawn from a seeded PRNG out of the plan's own
 *   data: its subjects (shared labels, the plan's own types, and every scope label that names the
 *   subject), its award forms, rounds around its round years, years inside and outside its period,
 *   levels, and each criterion column filled by its type (yes/no spellings, scale labels, years,
 *   amounts around the plan's minimums), with blanks and unreadable values as real lists have.
 * - `buildPeer` / `peerEligible`: json-rules-engine used as its documentation intends, with the
 *   plan's whole eligibility: general columns, subject coverage, period, round years, award form
 *   and its rounds, the level a form asks for, and the criteria with their scopes. Scopes are static
 *   for a row's subject and Đối tượng text, so the peer prunes each subject's tree once per scope
 *   combination and builds one engine for each (untimed: a service builds its engines at start-up).
 *
 * The bench fails when the peer and the product disagree on any row, so this is like with like.
 */
import { Engine, Fact, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import type { Cell } from '../src/core/cell';
import { COL, type ColumnDef } from '../src/core/columns';
import type { CompiledPlan } from '../src/core/compile';
import type { RunContext } from '../src/core/evaluate';
import type { Expr, Scope } from '../src/core/plan-schema';
import { fold } from '../src/core/text';
import { labelKey, parseCell, parseDate, parseLevel, parseRound, parseText, parseYear } from '../src/core/values';
import * as vocabulary from '../src/core/vocabulary';
import { LEVEL_IDS, SUBJECT_IDS, SUBJECT_LABELS, TIER_LABELS_VI, isStandardSubject, isStandardTier, levelRank, type LevelId, type SubjectId, type TierId } from '../src/core/vocabulary';
import { prng, serial } from './bench-data';

export const RUN: RunContext = { year: 2023 };

// ---------------------------------------------------------------------------------------------
// Rows

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quý', 'Sơn', 'Tâm'];
const PLACE = ['Thạch Đài', 'Thạch Kênh', 'Việt Tiến', 'Đỉnh Bàn', 'Tượng Sơn', 'Nam Điền', 'Ngọc Sơn', 'Quảng Sơn', 'Nậm Giôn', 'Chiềng Khay', 'Thuận Hà', 'Đắk Mil'];
const YES = ['x', 'X', 'Có', 'có', 'CÓ', 'Đạt', 'x ', '✓'];
const NO = ['Không', 'không', 'Chưa đạt', '0', 'K'];
const ROUNDS = ['', '', '', '', 'Hằng năm', 'hằng năm', 'Sơ kết', 'Tổng kết', 'đợt 3'];
const LEVELS = ['', '', 'Xuất sắc', 'xuất sắc', 'Tiêu biểu xuất sắc', 'Đặc biệt xuất sắc', 'rất tốt'];
const TIER_SPELLINGS = ['Giấy khen', 'giấy khen', 'Giấy khen của Chủ tịch UBND huyện', 'Bằng khen tỉnh', 'Bằng khen của Thủ tướng Chính phủ', 'Huân chương Lao động hạng Ba', 'Giấy khen cấp xã', 'Cờ thi đua'];

export interface PlanSheet {
  headers: string[];
  /** 1-based column of each header (STT has none). */
  columns: Record<string, number>;
}

/** Leaves of an expression, with every column each reads. */
function leaves(e: Expr, out: Extract<Expr, { column: string }>[] = []): Extract<Expr, { column: string }>[] {
  if ('column' in e) out.push(e);
  else for (const m of e.all ?? e.any ?? []) leaves(m, out);
  return out;
}

function scopes(e: Expr, out: Scope[] = []): Scope[] {
  if (e.appliesTo && !out.includes(e.appliesTo)) out.push(e.appliesTo);
  if (!('column' in e)) for (const m of e.all ?? e.any ?? []) scopes(m, out);
  return out;
}

export function planSheet(plan: CompiledPlan): PlanSheet {
  const general = [COL.name, COL.subject, COL.unit, COL.proposed, COL.round, COL.year, COL.submitted, COL.level, COL.summary];
  const headers = ['STT', ...general, ...plan.criterionColumns.filter((c) => !general.includes(c as (typeof general)[number]))];
  const columns: Record<string, number> = {};
  headers.forEach((h, i) => {
    if (h !== 'STT') columns[h] = i + 1;
  });
  return { headers, columns };
}

/** Spellings of each subject the plan covers (and of one it does not), as offices type them. */
function subjectSpellings(plan: CompiledPlan): Map<SubjectId, string[]> {
  const out = new Map<SubjectId, string[]>();
  const scopeLabels = [...plan.criteria.values()].flatMap((c) => scopes(c.expr)).flatMap((s) => s.labels ?? []);
  for (const subject of plan.criteria.keys()) {
    const own = plan.plan.subjectTypes.find((t) => t.id === subject);
    const base = own ? [own.label, ...own.variants] : isStandardSubject(subject) ? [...SUBJECT_LABELS[subject]] : [subject];
    const extra = scopeLabels.filter((l) => {
      const p = plan.parseSubject({ value: l });
      return p.kind === 'value' && p.value === subject && !base.includes(l);
    });
    // Scope labels are drawn often (half the rows of a subject that has any), so scopes are exercised.
    out.set(subject, [...base, ...base.map((b) => b.toLowerCase()), ...extra, ...extra, ...extra.map((x) => x.toUpperCase())]);
  }
  const uncovered = SUBJECT_IDS.find((s) => !plan.criteria.has(s));
  if (uncovered) out.set(uncovered, [...SUBJECT_LABELS[uncovered]]);
  return out;
}

/** Award-form spellings: every form of the plan, its evaluated ones twice as often. */
function tierSpellings(plan: CompiledPlan): string[] {
  const out: string[] = [...TIER_SPELLINGS];
  for (const [tier, rule] of Object.entries(plan.plan.tiers) as [TierId, { kind: string }][]) {
    const own = plan.plan.awardForms.find((f) => f.id === tier);
    const label = own?.label ?? (isStandardTier(tier) ? TIER_LABELS_VI[tier] : tier);
    out.push(label);
    if (rule.kind === 'evaluated') out.push(label, label, label.toLowerCase(), ...(own?.variants ?? []));
  }
  return out;
}

/** A cell value for a criterion column, by its type; `pass` is how often a value should pass. */
function criterionValue(def: ColumnDef, minimum: number | undefined, negated: boolean, rnd: () => number): string | number | null {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const r = rnd();
  if (r < 0.04) return null;
  if (r < 0.055) return pick(['?', 'chưa rõ', '—', 'n/a']);
  switch (def.type) {
    case 'yesno': {
      const yes = rnd() < 0.88;
      return pick((yes !== negated) ? YES : NO);
    }
    case 'ordinal': {
      const scale = def.scale ?? [];
      // Higher values more often: most nominees meet the plan's standard.
      const ranked = [...scale].sort((a, b) => a.rank - b.rank);
      const v = ranked[Math.min(ranked.length - 1, Math.floor(Math.sqrt(rnd()) * ranked.length))];
      return pick(v.labels);
    }
    case 'level':
      return pick(LEVELS) || null;
    case 'year': {
      const y = 2018 + Math.floor(rnd() * 8);
      return rnd() < 0.8 ? y : String(y);
    }
    case 'money': {
      const m = minimum ?? 100_000_000;
      const v = Math.round((m * (0.5 + rnd() * 2)) / 1000) * 1000;
      return rnd() < 0.7 ? v : `${Math.round(v / 1e6)}.000.000`;
    }
    case 'percent': {
      const v = Math.round(rnd() * 1000) / 10;
      return rnd() < 0.7 ? v : `${v}%`;
    }
    default:
      return `Ghi chú ${Math.floor(rnd() * 1000)}`;
  }
}

/** The rows of one plan's list, generated lazily (the same seed gives the same rows everywhere). */
export function* planRows(plan: CompiledPlan, n: number, seed: number): Generator<(string | number | null)[]> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const sheet = planSheet(plan);
  const at = (h: string) => sheet.columns[h] - 1;
  const subjects = subjectSpellings(plan);
  const subjectKeys = [...subjects.keys()];
  const tiers = tierSpellings(plan);
  const { period, roundYears } = plan.plan;
  // Per subject: its criterion columns, with a minimum where a leaf compares to one and whether a
  // leaf asks for "no".
  const own = new Map<SubjectId, { def: ColumnDef; min?: number; negated: boolean }[]>();
  for (const [subject, applied] of plan.criteria) {
    const cols = new Map<string, { def: ColumnDef; min?: number; negated: boolean }>();
    for (const leaf of leaves(applied.expr)) {
      for (const c of [leaf.column, ...('column' in leaf.test ? [leaf.test.column] : [])]) {
        const got = cols.get(c) ?? { def: plan.registry.get(c)!, negated: false };
        if (c === leaf.column && leaf.test.op === 'min') got.min = leaf.test.value;
        if (c === leaf.column && leaf.test.op === 'no') got.negated = true;
        cols.set(c, got);
      }
    }
    own.set(subject, [...cols.values()]);
  }
  const individual = plan.individualSubjects;
  for (let i = 0; i < n; i++) {
    const v: (string | number | null)[] = new Array(sheet.headers.length).fill(null);
    v[0] = i + 1;
    const subject = pick(subjectKeys);
    const person = `${pick(FAMILY)} Văn ${pick(GIVEN)}`;
    v[at(COL.name)] = rnd() < 0.02 ? null : individual.has(subject) ? person : `${pick(subjects.get(subject)!)} ${pick(PLACE)}`;
    v[at(COL.subject)] = rnd() < 0.015 ? null : rnd() < 0.005 ? 'Không rõ' : pick(subjects.get(subject)!);
    v[at(COL.unit)] = individual.has(subject) ? (rnd() < 0.05 ? null : `Chuyên viên, xã ${pick(PLACE)}`) : rnd() < 0.5 ? `xã ${pick(PLACE)}` : null;
    v[at(COL.proposed)] = rnd() < 0.02 ? null : pick(tiers);
    const round = pick(ROUNDS);
    v[at(COL.round)] = round || null;
    const planned = round === 'Sơ kết' ? (roundYears?.['so-ket'] ?? 2023) : round === 'Tổng kết' ? (roundYears?.['tong-ket'] ?? 2023) : 2023;
    const r0 = rnd();
    // Mostly the round's own year; some off by one, some outside the period.
    const year = r0 < 0.8 ? planned : r0 < 0.9 ? planned + 1 : period ? (rnd() < 0.5 ? period.from - 1 : period.to + 2) : 2019;
    const ry = rnd();
    v[at(COL.year)] = ry < 0.45 ? null : ry < 0.8 ? year : ry < 0.99 ? String(year) : 'năm nay';
    const day = 1 + Math.floor(rnd() * 28);
    const month = rnd() < 0.7 ? 11 + Math.floor(rnd() * 2) : 1 + Math.floor(rnd() * 12);
    const rs = rnd();
    v[at(COL.submitted)] = rs < 0.05 ? null : rs < 0.55 ? serial(year, month, day) : rs < 0.85 ? `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}` : `${day}-${month}-${year}`;
    v[at(COL.level)] = pick(LEVELS) || null;
    v[at(COL.summary)] = rnd() < 0.6 ? `Thành tích năm ${year}: tiêu biểu (${Math.floor(rnd() * 1000)})` : null;
    for (const c of own.get(subject) ?? []) v[at(c.def.header)] = criterionValue(c.def, c.min, c.negated, rnd);
    yield v;
  }
}

/** Cells as the command line's reader gives them (date serials carry a date format). */
export function planCells(sheet: PlanSheet, values: readonly (string | number | null)[]): Cell[] {
  const submitted = sheet.columns[COL.submitted] - 1;
  return values.map((x, i) => (i === submitted && typeof x === 'number' ? { value: x, format: 'dd/mm/yyyy' } : { value: x }));
}

// ---------------------------------------------------------------------------------------------
// The peer

/** The level a form asks for: only the plan's own (spec §3: no default minimum level). */
function neededLevel(_tier: TierId, rule: { minLevel?: LevelId }): number {
  return levelRank(rule.minLevel ?? 'xuat-sac');
}

/** A leaf as a json-rules-engine condition over facts named by column header. */
function leafCondition(e: Extract<Expr, { column: string }>, plan: CompiledPlan): NestedCondition {
  // Read through a plain record: tests a newer plan format adds are mapped by name below.
  const t = e.test as { op: string; value?: unknown; column?: string };
  const other = t.column !== undefined ? { fact: t.column } : undefined;
  switch (t.op) {
    case 'yes':
      return { fact: e.column, operator: 'equal', value: true };
    case 'no':
      return { fact: e.column, operator: 'equal', value: false };
    case 'min':
      return { fact: e.column, operator: 'greaterThanInclusive', value: t.value as number };
    case 'more':
      return { fact: e.column, operator: 'greaterThan', value: t.value as number };
    case 'less':
      return { fact: e.column, operator: 'lessThan', value: t.value as number };
    case 'max':
      return { fact: e.column, operator: 'lessThanInclusive', value: t.value as number };
    case 'atLeast': {
      const scale = plan.registry.get(e.column)?.scale;
      const rank = scale
        ? scale.find((v) => !v.offScale && v.labels.some((l) => fold(l) === fold(String(t.value))))?.rank
        : LEVEL_IDS.map((l) => ({ l, r: levelRank(l) })).find(({ l }) => fold(vocabulary.LEVEL_LABELS_VI[l]) === fold(String(t.value)))?.r;
      if (rank === undefined) throw new Error(`bench: no rank for “${String(t.value)}” in ${e.column}`);
      return { fact: e.column, operator: 'greaterThanInclusive', value: rank };
    }
    case 'notAfter':
      return { fact: e.column, operator: 'lessThanInclusive', value: other! };
    case 'atLeastColumn':
      return { fact: e.column, operator: 'greaterThanInclusive', value: other! };
    default:
      throw new Error(`bench: the peer does not model the test “${t.op}” yet (${e.id})`);
  }
}

/** A subject's tree with the given scopes in force: members out of scope are left out; null if nothing is left. */
function pruned(e: Expr, plan: CompiledPlan, inScope: (s: Scope) => boolean, columns: Set<string>): NestedCondition | null {
  if (e.appliesTo && !inScope(e.appliesTo)) return null;
  if ('column' in e) {
    columns.add(e.column);
    if ('column' in e.test) columns.add(e.test.column);
    return leafCondition(e, plan);
  }
  const members = (e.all ?? e.any ?? []).map((m) => pruned(m, plan, inScope, columns)).filter((m): m is NestedCondition => m !== null);
  if (members.length === 0) return null;
  return e.all ? { all: members } : { any: members };
}

interface PeerSubject {
  scopes: { scope: Scope; keys: Set<string> }[];
  /** One engine per combination of scopes in force (bit k = scope k applies); null: nothing applies. */
  engines: (Engine | null)[];
  columns: { header: string; def: ColumnDef }[];
}

export interface Peer {
  plan: CompiledPlan;
  subjects: Map<SubjectId, PeerSubject>;
}

export function buildPeer(plan: CompiledPlan): Peer {
  const subjects = new Map<SubjectId, PeerSubject>();
  // The forms the plan itself judges, per round, with the level each asks for.
  const forms: NestedCondition[] = [];
  for (const [tier, rule] of Object.entries(plan.plan.tiers) as [TierId, (typeof plan.plan.tiers)[string]][]) {
    if (rule.kind !== 'evaluated') continue;
    for (const round of rule.rounds) {
      forms.push({
        all: [
          { fact: 'tierRound', operator: 'equal', value: `${tier}@${round}` },
          { fact: 'levelRank', operator: 'greaterThanInclusive', value: neededLevel(tier, rule) > 1 ? neededLevel(tier, rule) : 0 },
        ],
      });
    }
  }
  for (const [subject, applied] of plan.criteria) {
    const found = scopes(applied.expr);
    const columns = new Set<string>();
    const engines: (Engine | null)[] = [];
    for (let bits = 0; bits < 1 << found.length; bits++) {
      const criteria = pruned(applied.expr, plan, (s) => (bits & (1 << found.indexOf(s))) !== 0, columns);
      if (!criteria) {
        engines.push(null);
        continue;
      }
      const conditions: TopLevelCondition = {
        all: [
          { fact: 'named', operator: 'equal', value: true },
          { fact: 'unitGiven', operator: 'equal', value: true },
          { any: forms },
          { fact: 'inPeriod', operator: 'equal', value: true },
          { fact: 'roundYearOk', operator: 'equal', value: true },
          criteria,
        ],
      };
      const engine = new Engine([], { allowUndefinedFacts: true });
      engine.addRule({ name: `${subject}#${bits}`, conditions, event: { type: 'eligible' } });
      engines.push(engine);
    }
    subjects.set(subject, {
      scopes: found.map((scope) => ({ scope, keys: new Set((scope.labels ?? []).map(labelKey)) })),
      engines,
      columns: [...columns].map((header) => ({ header, def: plan.registry.get(header)! })),
    });
  }
  return { plan, subjects };
}

function factValue(v: unknown): unknown {
  // Ordinal values are compared by rank; a value off the plan's scale passes no "at least".
  if (v !== null && typeof v === 'object' && 'rank' in v) return (v as { offScale?: string }).offScale ? -Infinity : (v as { rank: number }).rank;
  return v;
}

const fact = (id: string, value: unknown) => new Fact(id, value, { cache: false });

/** The peer's decision for one row: parse what the subject's rule reads, run its engine. */
export async function peerEligible(peer: Peer, cells: readonly Cell[], columns: Record<string, number>): Promise<boolean> {
  const { plan } = peer;
  const at = (h: string): Cell => cells[columns[h] - 1] ?? { value: null };
  const subjectCell = at(COL.subject);
  const subject = plan.parseSubject(subjectCell);
  if (subject.kind !== 'value') return false;
  const s = peer.subjects.get(subject.value);
  if (!s) return false;
  const tier = plan.parseTier(at(COL.proposed));
  if (tier.kind !== 'value') return false;
  const name = parseText(at(COL.name));
  const unit = parseText(at(COL.unit));
  const roundP = parseRound(at(COL.round));
  const round = roundP.kind === 'value' ? roundP.value : roundP.kind === 'blank' ? (RUN.round ?? 'annual') : null;
  if (round === null) return false;
  const yearP = parseYear(at(COL.year));
  let year = yearP.kind === 'value' ? yearP.value : null;
  if (yearP.kind === 'blank') {
    if (RUN.year !== undefined) year = RUN.year;
    else {
      const submitted = parseDate(at(COL.submitted));
      year = submitted.kind === 'value' ? Number(submitted.value.slice(0, 4)) : null;
    }
  }
  const level = parseLevel(at(COL.level));
  const { period, roundYears } = plan.plan;
  let bits = 0;
  if (s.scopes.length) {
    const key = labelKey(typeof subjectCell.value === 'string' ? subjectCell.value : String(subjectCell.value ?? ''));
    s.scopes.forEach(({ scope, keys }, k) => {
      if (scope.subjects?.includes(subject.value) || keys.has(key)) bits |= 1 << k;
    });
  }
  const engine = s.engines[bits];
  if (!engine) return false;
  const facts: Record<string, Fact> = {
    named: fact('named', name.kind === 'value'),
    unitGiven: fact('unitGiven', !plan.individualSubjects.has(subject.value) || unit.kind === 'value'),
    tierRound: fact('tierRound', `${tier.value}@${round}`),
    levelRank: fact('levelRank', level.kind === 'value' ? levelRank(level.value) : 0),
    inPeriod: fact('inPeriod', !period || year === null || (year >= period.from && year <= period.to)),
    roundYearOk: fact('roundYearOk', round === 'annual' || year === null || !roundYears || year === roundYears[round]),
  };
  for (const { header, def } of s.columns) {
    const p = parseCell(at(header), def);
    if (p.kind === 'value') facts[header] = fact(header, def.type === 'level' ? levelRank(p.value as LevelId) : factValue(p.value));
  }
  const { events } = await engine.run(facts);
  return events.length > 0;
}

/**
 * The ceiling: the product's parsers on the cells the product reads for a row (general columns and
 * the subject's criterion columns), with no judgement at all.
 */
export function parseOnly(plan: CompiledPlan, cells: readonly Cell[], columns: Record<string, number>, own: Map<SubjectId, { header: string; def: ColumnDef }[]>): number {
  const at = (h: string): Cell => cells[columns[h] - 1] ?? { value: null };
  let seen = 0;
  const count = (p: { kind: string }) => {
    if (p.kind === 'value') seen++;
  };
  count(parseText(at(COL.name)));
  const subject = plan.parseSubject(at(COL.subject));
  count(subject);
  count(plan.parseTier(at(COL.proposed)));
  count(parseText(at(COL.unit)));
  count(parseRound(at(COL.round)));
  count(parseDate(at(COL.submitted)));
  count(parseYear(at(COL.year)));
  count(parseLevel(at(COL.level)));
  if (subject.kind === 'value') for (const { header, def } of own.get(subject.value) ?? []) count(parseCell(at(header), def));
  return seen;
}

/** Each subject's criterion columns (the peer's and the parse-only side's reading list). */
export function subjectColumns(plan: CompiledPlan): Map<SubjectId, { header: string; def: ColumnDef }[]> {
  const out = new Map<SubjectId, { header: string; def: ColumnDef }[]>();
  for (const [subject, applied] of plan.criteria) {
    const cols: string[] = [];
    for (const leaf of leaves(applied.expr)) for (const c of [leaf.column, ...('column' in leaf.test ? [leaf.test.column] : [])]) if (!cols.includes(c)) cols.push(c);
    out.set(subject, cols.map((header) => ({ header, def: plan.registry.get(header)! })));
  }
  return out;
}
