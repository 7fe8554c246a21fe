/**
 * The plan workbook's "Tiêu chí" rows → criteria trees: rows joined to their groups by "Thuộc nhóm",
 * roots placed under the general standard, a subject, or an award form ("Hình thức", with "Thay
 * tiêu chí"), and every problem of the nesting said once, at its cell.
 */
import { fold } from '../text';
import { type BookRow, type RawBlock } from './blocks';
import { CellReader, own, shown, type Obj, type Path } from './cell-reader';
import { GENERAL_SUBJECT, KIND_CHOICES, OP_CHOICES, listOptions, splitList, type BookLoc } from './format';

/** Groups inside groups: a real plan needs a few; deeper trees are refused before anything recurses on them. */
const MAX_CRITERIA_DEPTH = 20;

export class CriteriaReader extends CellReader {
  protected readonly ids = new Map<string, BookLoc>();
  /** Paths of the criteria trees' roots (general, each subject's criteria). */
  readonly exprRoots: Path[] = [];
  /** A criteria root or a subject row could not be read: its subject's missing criteria are no news. */
  protected unresolvedRoot = false;
  /** A row of the Đối tượng sheet could not be read: criteria naming its subject are not news. */
  protected unreadSubjectRow = false;
  /** Some row names a group that does not exist (a misspelt Mã): a group left empty is not news. */
  protected missingParent = false;

  firstId(id: string): BookLoc | undefined {
    return this.ids.get(id);
  }

  protected readCriteria(block: RawBlock, plan: Obj): void {
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
  protected formRoot(row: BookRow, build: (path: Path) => Obj): void {
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
  protected readonly formCriteria = new Map<string, Obj[]>();

  protected test(row: BookRow, path: Path): Obj | undefined {
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
}
