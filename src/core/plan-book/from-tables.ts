/**
 * The plan workbook's blocks → plan data, remembering which cell every field came from, so that
 * the schema's own validation (the one rulebook for plans) can be reported as "Tiêu chí!F12: …".
 * Only what the schema cannot know is checked here: words of dropdown cells, numbers, dates and
 * the nesting of rows.
 */
import { loadPlan, type CompiledPlan } from '../compile';
import { isValidDate } from '../dates';
import { parseMoney, parsePercent } from '../values';
import { fold } from '../text';
import { findBlocks, type BookRow, type BookSheet, type RawBlock } from './blocks';
import {
  BLOCKS,
  COLUMN_TYPE_CHOICES,
  GENERAL_SUBJECT,
  INFO_FIELDS,
  KIND_CHOICES,
  LEVEL_CHOICES,
  OP_CHOICES,
  ROUND_CHOICES,
  SUBJECT_CHOICES,
  TIER_CHOICES,
  TIER_KIND_CHOICES,
  blockSpec,
  cellRef,
  choose,
  labelOf,
  listOptions,
  NO_OWN,
  ownVocabulary,
  type OwnVocabulary,
  splitList,
  type BlockKey,
  type BookError,
  type BookLoc,
  type BookValue,
  type Choice,
  type ListName,
} from './format';
import { guardPlanData } from '../plan-guard';
import { describeIssue, referenceIssues, shapeIssues, type Issue } from './issues';

export type Path = (string | number)[];
type Obj = Record<string, unknown>;

/** Groups inside groups: a real plan needs a few; deeper trees are refused before anything recurses on them. */
const MAX_CRITERIA_DEPTH = 20;

// Optional fields may be left out of the Thông tin block altogether.
// Sơ kết and tổng kết years are needed only by a plan that awards in those rounds (the schema says so).
const REQUIRED_INFO: readonly string[] = ['id', 'title', 'issuer', 'document', 'source'];

export type ReadResult = { ok: true; data: unknown; plan: CompiledPlan } | { ok: false; errors: BookError[] };

/** Reads a plan from the sheets (or ranges) of a plan workbook: the plan, or every problem found. */
export function readPlanBook(sheets: readonly BookSheet[], origin: string): ReadResult {
  const reader = new Reader();
  const data = reader.read(sheets);
  if (!data) return { ok: false, errors: reader.errors };
  // Reserved keys and runaway nesting are refused before zod (and its recursion) sees the data.
  const guarded = guardPlanData(data);
  let issues: Issue[] = guarded.length ? guarded : shapeIssues(data, reader.exprRoots);
  if (guarded.length) {
    // said as they are
  } else if (issues.length) issues.push(...referenceIssues(data, reader.exprRoots));
  else {
    const result = loadPlan(data, origin);
    if (result.ok) return reader.errors.length ? { ok: false, errors: reader.errors } : { ok: true, data, plan: result.plan };
    issues = result.issues;
  }
  // A cell already reported (a word not in its list, a bad date) also fails the schema: say it once.
  const taken = new Set(reader.errors.map((e) => `${e.sheet}!${e.cell}`));
  for (const issue of issues) {
    if (reader.followsFromError(issue, data)) continue;
    const e = describeIssue(issue, data, reader);
    const k = `${e.sheet}!${e.cell}`;
    if (taken.has(k)) continue;
    taken.add(k);
    reader.errors.push(e);
  }
  return { ok: false, errors: reader.errors };
}

/** "Tiêu chí!F12: …", the one line each problem is shown as. */
export function formatBookError(e: BookError): string {
  return `${e.sheet}!${e.cell}: ${e.message}`;
}

class Reader {
  readonly errors: BookError[] = [];
  private readonly locs = new Map<string, BookLoc>();
  private readonly ids = new Map<string, BookLoc>();
  /** Paths of the criteria trees' roots (general, each subject's criteria). */
  readonly exprRoots: Path[] = [];

  firstId(id: string): BookLoc | undefined {
    return this.ids.get(id);
  }
  /** A criteria root or a subject row could not be read: its subject's missing criteria are no news. */
  private unresolvedRoot = false;

  /** Whether an issue is only a consequence of a problem already reported (one mistake, one message). */
  followsFromError(issue: Issue, data: unknown): boolean {
    const p = issue.path;
    if (this.unresolvedRoot && p.length === 3 && p[0] === 'subjects' && p[2] === 'criteria') {
      const rule = (data as { subjects?: Record<string, Obj> }).subjects?.[String(p[1])];
      return rule !== undefined && rule.criteria === undefined;
    }
    if (this.missingParent && issue.code === 'too_small' && (p[p.length - 1] === 'all' || p[p.length - 1] === 'any')) return true;
    return false;
  }
  private fallback: BookLoc = { sheet: BLOCKS[0].title, row: 1, col: 1 };
  /** A row of the Đối tượng sheet could not be read: criteria naming its subject are not news. */
  private unreadSubjectRow = false;
  /** Some row names a group that does not exist (a misspelt Mã): a group left empty is not news. */
  private missingParent = false;
  private subjectChoices: readonly Choice<string>[] = SUBJECT_CHOICES;
  private tierChoices: readonly Choice<string>[] = TIER_CHOICES;
  private own: OwnVocabulary = NO_OWN;

  /** The cell a path of the plan data came from: the path itself or its nearest located parent. */
  locate = (path: Path): BookLoc => {
    for (let n = path.length; n >= 0; n--) {
      const hit = this.locs.get(JSON.stringify(path.slice(0, n)));
      if (hit) return hit;
    }
    return this.fallback;
  };

  private mark(path: Path, loc: BookLoc): void {
    const k = JSON.stringify(path);
    if (!this.locs.has(k)) this.locs.set(k, loc);
  }

  private fail(loc: BookLoc, message: string): void {
    this.errors.push({ sheet: loc.sheet, cell: cellRef(loc), message });
  }

  read(sheets: readonly BookSheet[]): Obj | undefined {
    const { blocks, errors } = findBlocks(sheets);
    this.errors.push(...errors);
    for (const spec of BLOCKS) {
      if (!spec.optional && !blocks.has(spec.key)) {
        this.errors.push({ sheet: spec.title, cell: 'A1', message: `thiếu sheet “${spec.title}” (hoặc khối “[${spec.title}]”); thêm theo sheet “Hướng dẫn”` });
      }
    }
    const info = blocks.get('info');
    if (!info) return undefined;
    this.fallback = info.at;
    const plan: Obj = {};
    this.mark([], info.at);
    this.readInfo(info, plan);
    const block = (key: BlockKey): RawBlock => blocks.get(key) ?? { spec: blockSpec(key), at: this.fallback, rows: [] };
    plan.subjectTypes = this.readSubjectTypes(block('subjectTypes'));
    plan.awardForms = this.readAwardForms(block('awardForms'));
    this.own = ownVocabulary(plan as never);
    this.subjectChoices = [...SUBJECT_CHOICES, ...this.own.subjects];
    this.tierChoices = [...TIER_CHOICES, ...this.own.tiers];
    plan.subjects = this.readSubjects(block('subjects'));
    this.readCriteria(block('criteria'), plan);
    plan.tiers = this.readTiers(block('tiers'));
    for (const [tier, forms] of this.formCriteria) {
      if ((plan.tiers as Obj)[tier] === undefined) {
        const loc = this.locate(['tiers', tier, 'criteria', 0]);
        this.fail(loc, `hình thức “${labelOf(this.tierChoices, tier)}” có tiêu chí riêng (${forms.length} dòng gốc) nhưng chưa có dòng ở sheet “Hình thức khen”; thêm dòng “Xét theo tiêu chí” cho hình thức này`);
      }
    }
    plan.deadlines = this.readDeadlines(block('deadlines'));
    plan.notices = this.readNotices(block('notices'), plan);
    const { columns, scales } = this.readColumns(block('columns'), block('scales'));
    plan.columns = columns;
    plan.scales = scales;
    return plan;
  }

  // ---- cell readers: each reports its own problem and gives undefined -------------------------

  private text(row: BookRow, key: string, path: Path): string | undefined {
    this.mark(path, row.loc(key));
    const v = row.get(key);
    if (v === null) return undefined;
    return shown(v);
  }

  private number(row: BookRow, key: string, path: Path, what: string): number | undefined {
    this.mark(path, row.loc(key));
    const v = row.get(key);
    if (v === null) return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : NaN;
    if (!Number.isFinite(n)) {
      this.fail(row.loc(key), `“${shown(v)}” không phải số; ghi ${what}`);
      return undefined;
    }
    return n;
  }

  /** A threshold as officials write it: 40000000, “40.000.000”, “40 triệu đồng”, “0,5 tỷ”, “6,5%”. */
  private amount(row: BookRow, key: string, path: Path): number | undefined {
    const v = row.get(key);
    if (typeof v === 'string' && Number.isNaN(parseNumber(v))) {
      const read = [parseMoney({ value: v }), parsePercent({ value: v })].find((p) => p.kind === 'value');
      if (read && read.kind === 'value') {
        this.mark(path, row.loc(key));
        return read.value;
      }
    }
    return this.number(row, key, path, 'một số, ví dụ 40000000, “40.000.000”, “40 triệu” hoặc “6,5%”');
  }

  private pick<T>(row: BookRow, key: string, path: Path, choices: readonly Choice<T>[], list: ListName): T | undefined {
    const v = this.text(row, key, path);
    if (v === undefined) return undefined;
    const id = choose(choices, v);
    if (id === undefined) this.fail(row.loc(key), `“${v}” không có trong danh sách của cột “${(row.loc(key).header ?? key)}”; chọn một trong: ${listOptions(list, this.own).join('; ')}`);
    return id;
  }

  private pickList<T>(row: BookRow, key: string, path: Path, choices: readonly Choice<T>[], list: ListName): T[] | undefined {
    const v = this.text(row, key, path);
    if (v === undefined) return undefined;
    // Round names hold no commas, so "Hằng năm, Sơ kết" is read as two rounds too.
    const parts = list === 'rounds' ? splitList(v.replace(/,/g, ';')) : splitList(v);
    const ids: T[] = [];
    for (const p of parts) {
      const id = choose(choices, p);
      if (id === undefined) {
        this.fail(row.loc(key), `“${p}” không có trong danh sách của cột “${(row.loc(key).header ?? key)}”; ghi một hay nhiều trong: ${choices.map((c) => c.labels[0]).join('; ')} (cách nhau bằng “;”)`);
        return undefined;
      }
      ids.push(id);
    }
    return ids;
  }

  private cite(row: BookRow, path: Path, refKey = 'ref', quoteKey = 'quote'): Obj | undefined {
    this.mark(path, row.loc(refKey));
    const ref = this.text(row, refKey, [...path, 'ref']);
    const quote = this.text(row, quoteKey, [...path, 'quote']);
    if (ref === undefined && quote === undefined) return undefined;
    return { ref: ref ?? '', quote: quote ?? '' };
  }

  // ---- blocks ---------------------------------------------------------------------------------

  private readInfo(block: RawBlock, plan: Obj): void {
    const got = new Map<string, BookRow>();
    for (const row of block.rows) {
      const name = row.get('field');
      if (name === null) continue;
      const f = fold(String(name).replace(/:$/, ''));
      const field = INFO_FIELDS.find((x) => fold(x.label) === f || x.key.toLowerCase() === f);
      if (!field) continue; // notes an official adds beside the fields are theirs to keep
      got.set(field.key, row);
    }
    const at = (key: string): BookRow => {
      const row = got.get(key);
      const label = INFO_FIELDS.find((f) => f.key === key)?.label;
      if (!row) return { get: () => null, loc: () => ({ ...block.at, header: label }), at: block.at };
      return { get: row.get, loc: (k) => ({ ...row.loc(k), header: label }), at: row.at };
    };
    for (const f of INFO_FIELDS) if (!got.has(f.key) && REQUIRED_INFO.includes(f.key)) this.fail(block.at, `thiếu dòng “${f.label}” (${f.help})`);
    plan.id = this.text(at('id'), 'value', ['id']);
    plan.title = this.text(at('title'), 'value', ['title']);
    plan.issuer = this.text(at('issuer'), 'value', ['issuer']);
    plan.document = this.text(at('document'), 'value', ['document']);
    const shortName = this.text(at('shortName'), 'value', ['shortName']);
    if (shortName !== undefined) plan.shortName = shortName;
    this.mark(['source'], at('source').loc('value'));
    plan.source = { file: this.text(at('source'), 'value', ['source', 'file']) };
    this.mark(['roundYears'], at('soKet').loc('value'));
    this.mark(['roundYears', 'cite'], at('roundRef').loc('value'));
    const ref = this.text(at('roundRef'), 'value', ['roundYears', 'cite', 'ref']);
    const quote = this.text(at('roundQuote'), 'value', ['roundYears', 'cite', 'quote']);
    const from = this.number(at('periodFrom'), 'value', ['period', 'from'], 'năm, ví dụ 2026');
    const to = this.number(at('periodTo'), 'value', ['period', 'to'], 'năm, ví dụ 2030');
    this.mark(['period'], at('periodFrom').loc('value'));
    this.mark(['period', 'cite'], at('periodRef').loc('value'));
    const pRef = this.text(at('periodRef'), 'value', ['period', 'cite', 'ref']);
    const pQuote = this.text(at('periodQuote'), 'value', ['period', 'cite', 'quote']);
    if (from !== undefined || to !== undefined || pRef !== undefined || pQuote !== undefined) {
      plan.period = { from, to, cite: pRef === undefined && pQuote === undefined ? undefined : { ref: pRef ?? '', quote: pQuote ?? '' } };
    }
    this.mark(['subjectsCite'], at('subjectsRef').loc('value'));
    const sRef = this.text(at('subjectsRef'), 'value', ['subjectsCite', 'ref']);
    const sQuote = this.text(at('subjectsQuote'), 'value', ['subjectsCite', 'quote']);
    if (sRef !== undefined || sQuote !== undefined) plan.subjectsCite = { ref: sRef ?? '', quote: sQuote ?? '' };
    this.mark(['formsCite'], at('formsRef').loc('value'));
    const fRef = this.text(at('formsRef'), 'value', ['formsCite', 'ref']);
    const fQuote = this.text(at('formsQuote'), 'value', ['formsCite', 'quote']);
    if (fRef !== undefined || fQuote !== undefined) plan.formsCite = { ref: fRef ?? '', quote: fQuote ?? '' };
    const soKet = this.number(at('soKet'), 'value', ['roundYears', 'so-ket'], 'năm, ví dụ 2028');
    const tongKet = this.number(at('tongKet'), 'value', ['roundYears', 'tong-ket'], 'năm, ví dụ 2030');
    // A plan awarding only yearly leaves the four round-year rows blank (or out).
    if (soKet !== undefined || tongKet !== undefined || ref !== undefined || quote !== undefined) {
      plan.roundYears = { 'so-ket': soKet, 'tong-ket': tongKet, cite: ref === undefined && quote === undefined ? undefined : { ref: ref ?? '', quote: quote ?? '' } };
    }
  }

  private readSubjects(block: RawBlock): Obj {
    const subjects: Obj = {};
    this.mark(['subjects'], block.at);
    const seen = new Map<string, BookLoc>();
    for (const row of block.rows) {
      const id = this.pick(row, 'subject', [], this.subjectChoices, 'subject');
      if (id === undefined) {
        if (row.get('subject') === null) this.fail(row.loc('subject'), 'thiếu “Đối tượng”: chọn loại đối tượng trong danh sách');
        this.unreadSubjectRow = true;
        continue;
      }
      const before = seen.get(id);
      if (before) {
        this.fail(row.loc('subject'), `đối tượng “${shown(row.get('subject'))}” đã có ở dòng ${before.row}; mỗi đối tượng một dòng`);
        continue;
      }
      seen.set(id, row.at);
      const path = ['subjects', id];
      this.mark(path, row.at);
      // A "Xét như đối tượng" that cannot be read is said once; the row is read as one with criteria.
      const judgedAs = row.get('judgedAs') === null ? undefined : this.pick(row, 'judgedAs', [...path, 'judgedAs'], this.subjectChoices, 'subject');
      if (judgedAs !== undefined) {
        subjects[id] = {
          judgedAs,
          reading: this.text(row, 'reading', [...path, 'reading']),
          cite: this.cite(row, [...path, 'cite']),
        };
      } else {
        this.mark([...path, 'criteria'], row.at);
        subjects[id] = {
          letter: this.text(row, 'letter', [...path, 'letter']),
          label: this.text(row, 'label', [...path, 'label']),
          cite: this.cite(row, [...path, 'cite']),
        };
      }
    }
    return subjects;
  }

  private readCriteria(block: RawBlock, plan: Obj): void {
    interface Node {
      row: BookRow;
      id?: string;
      kind?: 'leaf' | 'all' | 'any';
      /** "Loại" could not be read (reported): the kind is guessed from the row, and not argued with. */
      guessed?: boolean;
      /** The row's own place in the tree is already reported: rows under it are not news. */
      failed?: boolean;
      children: Node[];
    }
    const nodes: Node[] = block.rows.map((row) => ({ row, id: row.get('id') === null ? undefined : shown(row.get('id')), children: [] }));
    const byId = new Map<string, Node>();
    const parentOf = (n: Node): string | undefined => (n.row.get('parent') === null ? undefined : shown(n.row.get('parent')));
    const named = new Set(nodes.map(parentOf));
    for (const n of nodes) {
      if (n.id === undefined) this.fail(n.row.loc('id'), 'thiếu “Mã”: mỗi dòng cần một mã riêng, ví dụ “b.1”');
      else if (!byId.has(n.id)) byId.set(n.id, n);
      // A repeated id is left to the schema's check, which names the criterion.
      const kind = n.row.get('kind');
      if (kind !== null) n.kind = this.pick(n.row, 'kind', [], KIND_CHOICES, 'kind');
      else if (n.row.get('column') !== null) n.kind = 'leaf';
      else this.fail(n.row.loc('kind'), '“Loại” đang trống: ghi “Tiêu chí”, “Tất cả” hoặc “Một trong”');
      if (n.kind === undefined) {
        // A misspelt or blank "Loại": a row others name as their group is a group, one with a column a criterion.
        n.guessed = true;
        n.kind = n.id !== undefined && named.has(n.id) ? 'all' : n.row.get('column') !== null || n.row.get('op') !== null ? 'leaf' : 'all';
      }
    }
    const roots: Node[] = [];
    const missing = new Set<string>();
    for (const n of nodes) {
      const parent = parentOf(n);
      if (parent === undefined) {
        roots.push(n);
        continue;
      }
      const p = byId.get(parent);
      n.failed = true;
      if (!p) {
        // Rows naming one missing group (its own Mã misspelt, most likely): said once, at the first.
        if (!missing.has(parent)) this.fail(n.row.loc('parent'), `không có dòng nào mã “${parent}”; ghi mã của nhóm chứa dòng này`);
        missing.add(parent);
        this.missingParent = true;
      }
      else if (p.kind === 'leaf') this.fail(n.row.loc('parent'), `dòng mã “${parent}” là tiêu chí, không phải nhóm; đổi “Loại” của dòng đó thành “Tất cả” hoặc “Một trong”`);
      else if (p === n) this.fail(n.row.loc('parent'), 'một dòng không thể thuộc chính nó');
      else {
        n.failed = false;
        p.children.push(n);
      }
    }
    const reached = new Set<Node>();
    /** A subtree that cannot be placed (its root's problem is reported): nothing under it is news. */
    const drop = (n: Node): void => {
      const stack = [n];
      while (stack.length) {
        const m = stack.pop() as Node;
        if (reached.has(m)) continue;
        reached.add(m);
        stack.push(...m.children);
      }
    };
    const build = (n: Node, path: Path, depth: number): Obj => {
      reached.add(n);
      const row = n.row;
      this.mark(path, row.at);
      const e: Obj = { id: this.text(row, 'id', [...path, 'id']) };
      if (typeof e.id === 'string' && !this.ids.has(e.id)) this.ids.set(e.id, row.loc('id'));
      const label = this.text(row, 'label', [...path, 'label']);
      if (label !== undefined) e.label = label;
      if (n.kind === 'leaf') {
        if (n.children.length) this.fail(row.loc('kind'), `tiêu chí “${n.id}” có dòng con; đổi “Loại” thành “Tất cả” hoặc “Một trong”`);
        e.column = this.text(row, 'column', [...path, 'column']);
        e.test = this.test(row, [...path, 'test']);
      } else {
        for (const key of ['column', 'op', 'value', 'notice']) {
          if (row.get(key) !== null && !n.guessed) this.fail(row.loc(key), `nhóm “${n.id}” không dùng cột “${(row.loc(key).header ?? key)}”; để trống, hoặc đổi “Loại” thành “Tiêu chí”`);
        }
        const key = n.kind ?? 'all';
        this.mark([...path, key], row.loc('kind'));
        if (depth >= MAX_CRITERIA_DEPTH) {
          this.fail(row.loc('parent'), `nhóm “${n.id}” nằm sâu quá ${MAX_CRITERIA_DEPTH} cấp nhóm trong nhóm; kế hoạch thật chỉ cần vài cấp, hãy gộp bớt các nhóm`);
          n.children.forEach(drop);
          e[key] = [];
        } else e[key] = n.children.filter((c) => !reached.has(c)).map((c, i) => build(c, [...path, key, i], depth + 1));
      }
      const cite = this.cite(row, [...path, 'cite']);
      if (cite) e.cite = cite;
      const reading = this.text(row, 'reading', [...path, 'reading']);
      if (reading !== undefined) e.reading = reading;
      if (n.kind === 'leaf') {
        const notice = this.text(row, 'notice', [...path, 'notice']);
        if (notice !== undefined) e.notice = notice;
      }
      this.mark([...path, 'appliesTo'], row.loc('scopeSubjects'));
      const subjects = this.pickList(row, 'scopeSubjects', [...path, 'appliesTo', 'subjects'], this.subjectChoices, 'subject');
      const labels = this.text(row, 'scopeLabels', [...path, 'appliesTo', 'labels']);
      if (subjects !== undefined || labels !== undefined) {
        e.appliesTo = { ...(subjects ? { subjects } : {}), ...(labels !== undefined ? { labels: splitList(labels) } : {}) };
      }
      return e;
    };
    const subjects = plan.subjects as Obj;
    for (const n of roots) {
      const s = n.row.get('subject');
      if (n.row.get('tier') !== null) {
        this.formRoot(n.row, (path) => build(n, path, 0));
        continue;
      }
      if (n.row.get('replaces') !== null) {
        this.fail(n.row.loc('replaces'), '“Thay tiêu chí” chỉ dùng cùng cột “Hình thức” (tiêu chí riêng của một hình thức khen); ghi hình thức, hoặc để trống ô này');
      }
      if (s === null) {
        this.fail(n.row.loc('parent'), `dòng gốc (không ghi “Thuộc nhóm”) phải ghi “Đối tượng”; hoặc ghi mã nhóm chứa dòng này`);
        this.unresolvedRoot = true;
        drop(n);
        continue;
      }
      if (fold(String(s)) === fold(GENERAL_SUBJECT)) {
        if (plan.general !== undefined) {
          this.fail(n.row.loc('subject'), `“${GENERAL_SUBJECT}” đã có một dòng gốc; gộp vào một nhóm “Tất cả”`);
          drop(n);
        } else {
          plan.general = build(n, ['general'], 0);
          this.exprRoots.push(['general']);
        }
        continue;
      }
      const id = this.pick(n.row, 'subject', [], this.subjectChoices, 'criterionSubject');
      const rule = id === undefined ? undefined : (own(subjects, id) as Obj | undefined);
      if (id === undefined) this.unresolvedRoot = true;
      else if (!rule && this.unreadSubjectRow) this.unresolvedRoot = true; // most likely the row whose subject was misspelt
      else if (!rule) this.fail(n.row.loc('subject'), `đối tượng “${s}” chưa có dòng ở sheet “Đối tượng”; thêm dòng cho đối tượng này`);
      else if ('judgedAs' in rule) this.fail(n.row.loc('subject'), `đối tượng “${s}” được xét như đối tượng khác (sheet “Đối tượng”), không có tiêu chí riêng`);
      else if (rule.criteria !== undefined) this.fail(n.row.loc('subject'), `đối tượng “${s}” đã có một dòng gốc; gộp các tiêu chí vào một nhóm “Tất cả” hoặc “Một trong”`);
      if (id !== undefined && rule && !('judgedAs' in rule) && rule.criteria === undefined) {
        rule.criteria = build(n, ['subjects', id, 'criteria'], 0);
        this.exprRoots.push(['subjects', id, 'criteria']);
      } else drop(n);
    }
    // What is left is rows whose "Thuộc nhóm" go round in a circle (a → b → a), or hang under one:
    // the circle is said once, at its first row.
    for (const n of nodes) {
      if (n.row.get('parent') !== null && (n.row.get('tier') !== null || n.row.get('replaces') !== null)) {
        const k = n.row.get('tier') !== null ? 'tier' : 'replaces';
        this.fail(n.row.loc(k), `“${n.row.loc(k).header ?? k}” chỉ ghi ở dòng gốc (không ghi “Thuộc nhóm”); các dòng con thuộc hình thức của dòng gốc`);
      }
      if (reached.has(n)) continue;
      const seen = new Set<Node>();
      let m: Node | undefined = n;
      while (m && !seen.has(m) && !reached.has(m) && !m.failed) {
        seen.add(m);
        const p = parentOf(m);
        m = p === undefined ? undefined : byId.get(p);
      }
      if (m && seen.has(m)) {
        const circle: Node[] = [];
        for (let c: Node | undefined = m; c && !circle.includes(c); c = byId.get(parentOf(c) ?? '')) circle.push(c);
        this.fail(m.row.loc('parent'), `các dòng ${circle.map((x) => `“${x.id}”`).join(', ')} thuộc nhóm của nhau thành vòng, không nối được tới dòng gốc của một đối tượng; sửa cột “Thuộc nhóm”`);
      }
      seen.forEach(drop);
    }
  }

  /** A root row naming an award form: that form's own criteria, for the subjects it names (or all). */
  private formRoot(row: BookRow, build: (path: Path) => Obj): void {
    const tier = this.pick(row, 'tier', [], this.tierChoices, 'tier');
    if (tier === undefined) return;
    const subjectText = row.get('subject');
    const all = subjectText === null || fold(String(subjectText)) === fold(GENERAL_SUBJECT);
    const subjects = all ? undefined : this.pickList(row, 'subject', [], this.subjectChoices, 'subject');
    if (!all && subjects === undefined) return;
    const forms = (this.formCriteria.get(tier) ?? []) as Obj[];
    this.formCriteria.set(tier, forms);
    const path = ['tiers', tier, 'criteria', forms.length];
    this.mark(path, row.at);
    const entry: Obj = {};
    if (subjects) {
      this.mark([...path, 'subjects'], row.loc('subject'));
      entry.subjects = subjects;
    }
    const replaces = this.text(row, 'replaces', [...path, 'replaces']);
    if (replaces !== undefined) entry.replaces = replaces;
    entry.criteria = build([...path, 'criteria']);
    this.exprRoots.push([...path, 'criteria']);
    forms.push(entry);
  }

  /** Form criteria met in the Tiêu chí sheet, joined to their forms' rules once those are read. */
  private readonly formCriteria = new Map<string, Obj[]>();

  private test(row: BookRow, path: Path): Obj | undefined {
    this.mark(path, row.loc('op'));
    const op = this.pick(row, 'op', [...path, 'op'], OP_CHOICES, 'op');
    if (op === undefined) {
      if (row.get('op') === null) this.fail(row.loc('op'), `“Phép thử” đang trống; chọn một trong: ${listOptions('op').join('; ')}`);
      return undefined;
    }
    const vpath = [...path, op === 'notAfter' || op === 'atLeastColumn' ? 'column' : 'value'];
    switch (op) {
      case 'yes':
      case 'no':
        if (row.get('value') !== null) this.fail(row.loc('value'), `phép thử “${row.get('op')}” không dùng “Giá trị”; để trống ô này`);
        return { op };
      case 'atLeast':
        return { op, value: this.text(row, 'value', vpath) };
      case 'min':
      case 'more':
      case 'less':
      case 'max':
        return { op, value: this.amount(row, 'value', vpath) };
      case 'notAfter':
      case 'atLeastColumn':
        return { op, column: this.text(row, 'value', vpath) };
    }
  }

  private readTiers(block: RawBlock): Obj {
    const tiers: Obj = {};
    this.mark(['tiers'], block.at);
    for (const row of block.rows) {
      const id = this.pick(row, 'tier', [], this.tierChoices, 'tier');
      if (id === undefined) {
        if (row.get('tier') === null) this.fail(row.loc('tier'), 'thiếu “Hình thức”: chọn hình thức khen trong danh sách');
        continue;
      }
      if (own(tiers, id) !== undefined) {
        this.fail(row.loc('tier'), `hình thức “${shown(row.get('tier'))}” có hai dòng; mỗi hình thức một dòng`);
        continue;
      }
      const path = ['tiers', id];
      this.mark(path, row.at);
      const kind = this.pick(row, 'kind', [...path, 'kind'], TIER_KIND_CHOICES, 'tierKind');
      if (kind === undefined && row.get('kind') === null) this.fail(row.loc('kind'), `“Cách xét” đang trống; chọn một trong: ${listOptions('tierKind').join('; ')}`);
      if (kind === 'none') {
        if (this.formCriteria.has(id)) {
          this.fail(row.loc('kind'), `sheet “Tiêu chí” có tiêu chí riêng cho hình thức “${row.get('tier')}”, nhưng hình thức này “Không áp dụng”; đổi “Cách xét” hoặc bỏ các dòng đó`);
        }
        const note = this.text(row, 'note', [...path, 'note']);
        const none: Obj = note === undefined ? { kind } : { kind, note };
        const cite = this.cite(row, [...path, 'cite']);
        if (cite) none.cite = cite;
        tiers[id] = none;
        continue;
      }
      const t: Obj = {
        kind,
        label: this.text(row, 'label', [...path, 'label']),
        rounds: this.pickList(row, 'rounds', [...path, 'rounds'], ROUND_CHOICES, 'rounds'),
        cite: this.cite(row, [...path, 'cite']),
      };
      if (kind === 'hand-over') t.document = this.text(row, 'document', [...path, 'document']);
      if (kind === 'evaluated') {
        const level = this.pick(row, 'minLevel', [...path, 'minLevel'], LEVEL_CHOICES, 'level');
        if (level !== undefined) t.minLevel = level;
        const levelCite = this.cite(row, [...path, 'levelCite'], 'levelRef', 'levelQuote');
        if (levelCite) t.levelCite = levelCite;
      }
      const roundCite = this.cite(row, [...path, 'roundCite'], 'roundRef', 'roundQuote');
      if (roundCite) t.roundCite = roundCite;
      for (const k of ['reading', 'notice']) {
        const v = this.text(row, k, [...path, k]);
        if (v !== undefined) t[k] = v;
      }
      const forms = this.formCriteria.get(id);
      if (forms) {
        if (kind === 'evaluated') t.criteria = forms;
        else this.fail(row.loc('kind'), `sheet “Tiêu chí” có tiêu chí riêng cho hình thức “${row.get('tier')}”, nhưng hình thức này không “Xét theo tiêu chí”; đổi “Cách xét” hoặc bỏ các dòng đó`);
      }
      const catalogueName = this.text(row, 'catalogueName', [...path, 'catalogueName']);
      if (catalogueName) t.catalogueName = catalogueName;
      tiers[id] = t;
    }
    return tiers;
  }

  private readDeadlines(block: RawBlock): Obj[] {
    this.mark(['deadlines'], block.at);
    return block.rows.map((row, i) => {
      const path = ['deadlines', i];
      this.mark(path, row.at);
      const date = this.dayMonth(row, 'date', path);
      return {
        rounds: this.pickList(row, 'rounds', [...path, 'rounds'], ROUND_CHOICES, 'rounds'),
        tiers: this.pickList(row, 'tiers', [...path, 'tiers'], this.tierChoices, 'tier'),
        ...date,
        text: this.text(row, 'text', [...path, 'text']),
        cite: this.cite(row, [...path, 'cite']),
      };
    });
  }

  private dayMonth(row: BookRow, key: string, path: Path): { day?: number; month?: number } {
    this.mark([...path, 'day'], row.loc(key));
    this.mark([...path, 'month'], row.loc(key));
    const v = row.get(key);
    if (v === null) return {};
    if (v instanceof Date) return { day: v.getUTCDate(), month: v.getUTCMonth() + 1 };
    // Office.js hands a date cell over as its serial number: "05/12" typed into a General cell.
    if (typeof v === 'number' && Number.isInteger(v) && v > 60 && v < 2958466) {
      const d = new Date(Date.UTC(1899, 11, 30) + v * 86_400_000);
      return { day: d.getUTCDate(), month: d.getUTCMonth() + 1 };
    }
    const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?\s*$/.exec(String(v));
    // Any leap year accepts 29/02: the deadline recurs every year.
    if (m && isValidDate(2024, Number(m[2]), Number(m[1]))) return { day: Number(m[1]), month: Number(m[2]) };
    this.fail(row.loc(key), `“${shown(v)}” không phải ngày/tháng; ghi hạn dạng ngày/tháng, ví dụ “05/12”`);
    return {};
  }

  private readNotices(block: RawBlock, plan: Obj): Obj[] {
    this.mark(['notices'], block.at);
    const general: Obj[] = [];
    for (const row of block.rows) {
      const subject = this.pick(row, 'subject', [], this.subjectChoices, 'subject');
      const tier = this.pick(row, 'tier', [], this.tierChoices, 'tier');
      if ((row.get('subject') !== null && subject === undefined) || (row.get('tier') !== null && tier === undefined)) continue;
      const notice = (path: Path): Obj => {
        this.mark(path, row.at);
        return { text: this.text(row, 'text', [...path, 'text']), cite: this.cite(row, [...path, 'cite']) };
      };
      if (subject !== undefined && tier !== undefined) {
        this.fail(row.loc('tier'), 'lời nhắc ghi hoặc “Đối tượng” hoặc “Hình thức”, không cả hai; tách thành hai dòng');
      } else if (subject !== undefined) {
        const rule = own(plan.subjects as Obj, subject) as Obj | undefined;
        if (!rule || 'judgedAs' in rule) this.fail(row.loc('subject'), `đối tượng “${shown(row.get('subject'))}” không có tiêu chí riêng ở sheet “Đối tượng”; ghi lời nhắc cho cả kế hoạch hoặc cho đối tượng có tiêu chí`);
        else {
          const list = ((rule.notices as Obj[] | undefined) ??= []);
          list.push(notice(['subjects', subject, 'notices', list.length]));
        }
      } else if (tier !== undefined) {
        const rule = own(plan.tiers as Obj, tier) as Obj | undefined;
        if (rule && rule.kind === undefined) continue; // its "Cách xét" could not be read, and said so
        if (!rule || rule.kind !== 'evaluated') this.fail(row.loc('tier'), `hình thức “${shown(row.get('tier'))}” không “Xét theo tiêu chí” ở sheet “Hình thức khen”; lời nhắc chỉ ghi cho hình thức được xét`);
        else {
          const list = ((rule.notices as Obj[] | undefined) ??= []);
          const path = ['tiers', tier, 'notices', list.length];
          const n = notice(path);
          const rounds = this.pickList(row, 'rounds', [...path, 'rounds'], ROUND_CHOICES, 'rounds');
          if (rounds !== undefined) n.rounds = rounds;
          list.push(n);
        }
      } else {
        if (row.get('rounds') !== null) this.fail(row.loc('rounds'), '“Đợt” chỉ dùng cho lời nhắc của một hình thức; ghi “Hình thức” hoặc để trống “Đợt”');
        general.push(notice(['notices', general.length]));
      }
    }
    return general;
  }

  private readColumns(block: RawBlock, scales: RawBlock): { columns: Obj[]; scales: Obj[] } {
    this.mark(['columns'], block.at);
    const columns = block.rows.map((row, i) => {
      const path = ['columns', i];
      this.mark(path, row.at);
      const c: Obj = {
        header: this.text(row, 'header', [...path, 'header']),
        variants: splitList(this.text(row, 'variants', [...path, 'variants']) ?? ''),
        type: this.pick(row, 'type', [...path, 'type'], COLUMN_TYPE_CHOICES, 'columnType'),
      };
      if (row.get('type') === null) this.fail(row.loc('type'), `“Kiểu” đang trống; chọn một trong: ${listOptions('columnType').join('; ')}`);
      const hint = this.text(row, 'hint', [...path, 'hint']);
      if (hint !== undefined) c.hint = hint;
      return c;
    });
    // A scale of an own column (without citation) is that column's scale; any other is the plan's.
    const planScales: Obj[] = [];
    this.mark(['scales'], scales.at);
    for (const row of scales.rows) {
      const name = this.text(row, 'column', []);
      if (name === undefined) {
        this.fail(row.loc('column'), '“Cột” đang trống: ghi tiêu đề cột của thang');
        continue;
      }
      const i = columns.findIndex((c) => typeof c.header === 'string' && fold(c.header) === fold(name));
      let target: Obj[];
      let path: Path;
      const first = row.get('ref') !== null || row.get('reading') !== null;
      if (i >= 0 && !first && !planScales.some((sc) => fold(String(sc.column)) === fold(name))) {
        target = (columns[i].scale as Obj[] | undefined) ?? (columns[i].scale = []);
        path = ['columns', i, 'scale', target.length];
        this.mark(['columns', i, 'scale'], row.at);
      } else {
        let sc = planScales.find((x) => fold(String(x.column)) === fold(name));
        const k = sc ? planScales.indexOf(sc) : planScales.length;
        if (!sc) {
          sc = { column: name, values: [] };
          planScales.push(sc);
          this.mark(['scales', k], row.at);
          this.mark(['scales', k, 'column'], row.loc('column'));
        }
        const reading = this.text(row, 'reading', ['scales', k, 'reading']);
        if (reading !== undefined) sc.reading = reading;
        const cite = this.cite(row, ['scales', k, 'cite']);
        if (cite) sc.cite = cite;
        target = sc.values as Obj[];
        path = ['scales', k, 'values', target.length];
        this.mark(['scales', k, 'values'], row.at);
      }
      this.mark(path, row.at);
      const value: Obj = { rank: this.number(row, 'rank', [...path, 'rank'], 'bậc của mức, ví dụ 1, 2, 3'), labels: splitList(this.text(row, 'labels', [...path, 'labels']) ?? '') };
      const off = this.text(row, 'offScale', [...path, 'offScale']);
      if (off !== undefined) value.offScale = off;
      target.push(value);
    }
    return { columns, scales: planScales };
  }

  private readSubjectTypes(block: RawBlock): Obj[] {
    this.mark(['subjectTypes'], block.at);
    return block.rows.map((row, i) => {
      const path = ['subjectTypes', i];
      this.mark(path, row.at);
      const individual = this.text(row, 'individual', [...path, 'individual']);
      const yes = individual !== undefined && ['co', 'x', 'true', 'ca nhan'].includes(fold(individual));
      if (individual !== undefined && !yes && !['khong', 'false', 'tap the'].includes(fold(individual))) {
        this.fail(row.loc('individual'), `“${individual}”: ghi “Có” (cá nhân) hoặc “Không” (tập thể)`);
      }
      return {
        id: this.text(row, 'id', [...path, 'id']),
        label: this.text(row, 'label', [...path, 'label']),
        variants: splitList(this.text(row, 'variants', [...path, 'variants']) ?? ''),
        individual: yes,
      };
    });
  }

  private readAwardForms(block: RawBlock): Obj[] {
    this.mark(['awardForms'], block.at);
    return block.rows.map((row, i) => {
      const path = ['awardForms', i];
      this.mark(path, row.at);
      return {
        id: this.text(row, 'id', [...path, 'id']),
        label: this.text(row, 'label', [...path, 'label']),
        variants: splitList(this.text(row, 'variants', [...path, 'variants']) ?? ''),
        rank: this.number(row, 'rank', [...path, 'rank'], 'thứ bậc, ví dụ 3.5'),
      };
    });
  }
}

/** "80.000.000", "80 000 000", "0,5" → numbers; anything else NaN. */
export function parseNumber(text: string): number {
  const t = text.trim().replace(/\s+/g, '');
  if (/^-?\d{1,3}(\.\d{3})+$/.test(t)) return Number(t.replace(/\./g, ''));
  if (/^-?\d+,\d+$/.test(t)) return Number(t.replace(',', '.'));
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return NaN;
}

/** A cell's value as the official sees it: dates as dd/mm/yyyy, TRUE/FALSE as Excel shows them. */
function shown(v: BookValue): string {
  if (v instanceof Date) return `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v ?? '').trim();
}

/** A key's own value: an own id such as "constructor" must not find Object's inherited members. */
function own(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}
