/**
 * The plan workbook's blocks → plan data, remembering which cell every field came from, so that
 * the schema's own validation (the one rulebook for plans) can be reported as "Tiêu chí!F12: …".
 * Only what the schema cannot know is checked here: words of dropdown cells, numbers, dates and
 * the nesting of rows.
 */
import { loadPlan, type CompiledPlan } from '../compile';
import { fold } from '../text';
import { findBlocks, type BookRow, type BookSheet, type RawBlock } from './blocks';
import { own, shown, type Obj, type Path } from './cell-reader';
import { CriteriaReader } from './criteria-rows';
import {
  BLOCKS,
  COLUMN_TYPE_CHOICES,
  INFO_FIELDS,
  LEVEL_CHOICES,
  ROUND_CHOICES,
  SUBJECT_CHOICES,
  TIER_CHOICES,
  TIER_KIND_CHOICES,
  blockSpec,
  labelOf,
  listOptions,
  ownVocabulary,
  splitList,
  type BlockKey,
  type BookError,
  type BookLoc,
} from './format';
import { guardPlanData } from '../plan-guard';
import { describeIssue, referenceIssues, shapeIssues, type Issue } from './issues';

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

class Reader extends CriteriaReader {
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
