/**
 * The author's traps: a plan that is well formed but would not mean what its author wrote.
 * - an own column whose title or another name is read as a standard column (the list reader maps
 *   a header to the standard column first, so the own column is never read and every row reports
 *   it missing);
 * - an own subject type or award form named like a shared one (the list reader takes the own one
 *   first, so the shared one silently disappears from the plan);
 * - a sơ kết or tổng kết year outside the plan's period.
 * Each is said once, in Vietnamese, with what to do; the caller adds the location (sheet and cell
 * of a plan workbook, path of a plan JSON).
 */
import { STANDARD_COLUMNS, type ColumnDef } from './columns';
import { headerKey } from './headers';
import { COLUMN_TYPE_CHOICES, labelOf } from './plan-book/format';
import { RESERVED_KEYS, worded, type WordedIssue } from './plan-guard';
import type { Plan } from './plan-schema';
import { labelKey, parseSubject } from './values';
import { ROUND_LABELS_VI, SUBJECT_NAMES_VI, TIER_IDS, TIER_LABELS_VI, type StandardSubjectId } from './vocabulary';

type Path = (string | number)[];

/** Normalised header or variant → the standard column a list reads it as (first wins, as in headers.ts). */
const STANDARD_INDEX: ReadonlyMap<string, ColumnDef> = (() => {
  const index = new Map<string, ColumnDef>();
  for (const def of STANDARD_COLUMNS) {
    for (const text of [def.header, ...def.variants]) {
      const key = headerKey(text);
      if (key && !index.has(key)) index.set(key, def);
    }
  }
  return index;
})();

const typeName = (type: string): string => labelOf(COLUMN_TYPE_CHOICES, type);

export function planTraps(plan: Plan): WordedIssue[] {
  return [...reservedIds(plan), ...columnTraps(plan), ...vocabularyTraps(plan), ...roundYearTraps(plan)];
}

/** An own id such as "constructor" would key the plan's rules by a name JavaScript reserves. */
function reservedIds(plan: Plan): WordedIssue[] {
  const issues: WordedIssue[] = [];
  for (const list of ['subjectTypes', 'awardForms'] as const) {
    plan[list].forEach((x, i) => {
      if (RESERVED_KEYS.includes(x.id)) issues.push(worded([list, i, 'id'], `mã “${x.id}” là tên dành riêng của JavaScript, không dùng làm mã được; đặt mã khác, ví dụ “${x.id}-1”`));
    });
  }
  return issues;
}

function columnTraps(plan: Plan): WordedIssue[] {
  const issues: WordedIssue[] = [];
  const own = new Map<string, { header: string; index: number }>();
  plan.columns.forEach((c, i) => {
    const texts: [string, Path][] = [[c.header, ['columns', i, 'header']], ...c.variants.map((v, j): [string, Path] => [v, ['columns', i, 'variants', j]])];
    const headerStd = STANDARD_INDEX.get(headerKey(c.header));
    // The standard column written out again, same title and kind: it reads as it always did.
    const same = headerStd !== undefined && headerKey(headerStd.header) === headerKey(c.header) && headerStd.type === c.type ? headerStd : undefined;
    // …unless it drops the standard column's other names: a list using one of them would lose the column.
    const ownKeys = new Set(texts.map(([t]) => headerKey(t)));
    const lost = same ? same.variants.filter((v) => !ownKeys.has(headerKey(v))) : [];
    if (same && lost.length) {
      issues.push(
        worded(
          ['columns', i, 'header'],
          `cột riêng “${c.header}” là cột chuẩn “${same.header}” khai lại: khai ở đây thì cột có tiêu đề ${lost.slice(0, 3).map((v) => `“${v}”`).join(', ')}${lost.length > 3 ? '…' : ''} không còn được nhận; bỏ dòng này, cột chuẩn đã có sẵn`,
        ),
      );
      return;
    }
    for (const [text, path] of texts) {
      const key = headerKey(text);
      if (!key) continue;
      const std = STANDARD_INDEX.get(key);
      const isHeader = path[2] === 'header';
      if (std && std !== same) {
        const named = headerKey(std.header) === key ? `cột chuẩn “${std.header}”` : `một tên khác của cột chuẩn “${std.header}”`;
        issues.push(
          worded(
            path,
            isHeader
              ? `cột riêng “${text}” trùng với ${named} (kiểu ${typeName(std.type)}): danh sách đề nghị đọc cột có tiêu đề này là cột chuẩn, nên cột riêng không bao giờ được đọc và mọi dòng sẽ báo thiếu “${text}”; đặt tiêu đề khác cho cột riêng, hoặc dùng cột chuẩn “${std.header}” và bỏ cột riêng này`
              : `tên khác “${text}” của cột riêng “${c.header}” trùng với ${named}: cột có tiêu đề này được đọc là cột chuẩn, không phải cột riêng; bỏ tên khác này hoặc đổi cách ghi`,
          ),
        );
        continue;
      }
      const before = own.get(key);
      if (before !== undefined && before.index !== i) {
        issues.push(worded(path, `“${text}” đã là tiêu đề hoặc tên khác của cột riêng “${before.header}” ở trên; mỗi tiêu đề chỉ thuộc một cột, hãy bỏ hoặc đổi một trong hai`));
        continue;
      }
      own.set(key, { header: c.header, index: i });
    }
  });
  return issues;
}

const SHARED_TIER_KEYS: ReadonlyMap<string, string> = new Map(TIER_IDS.flatMap((t) => [labelKey(t), labelKey(TIER_LABELS_VI[t])].map((k): [string, string] => [k, TIER_LABELS_VI[t]])));

function vocabularyTraps(plan: Plan): WordedIssue[] {
  const issues: WordedIssue[] = [];
  const ownSubjects = new Map<string, number>();
  plan.subjectTypes.forEach((t, i) => {
    const texts: [string, Path][] = [[t.label, ['subjectTypes', i, 'label']], ...t.variants.map((v, j): [string, Path] => [v, ['subjectTypes', i, 'variants', j]])];
    for (const [text, path] of texts) {
      const shared = parseSubject({ value: text });
      if (shared.kind === 'value') {
        const name = SUBJECT_NAMES_VI[shared.value as StandardSubjectId] ?? shared.value;
        issues.push(
          worded(
            path,
            `loại đối tượng riêng “${t.label}”${path[2] === 'variants' ? ` (tên khác “${text}”)` : ''} trùng tên với loại đối tượng chung “${name}”: ô Đối tượng ghi “${text}” sẽ được đọc là loại riêng và “${name}” của danh mục chung không còn dùng được; nếu kế hoạch khen “${name}” thì dùng loại chung và bỏ dòng này, nếu là loại khác thì đặt tên khác`,
          ),
        );
        continue;
      }
      const key = labelKey(text);
      const before = ownSubjects.get(key);
      if (before !== undefined && before !== i) issues.push(worded(path, `“${text}” đã là tên của một loại đối tượng riêng khác; mỗi tên chỉ thuộc một loại, hãy đổi một trong hai`));
      else ownSubjects.set(key, i);
    }
  });
  const ownForms = new Map<string, number>();
  plan.awardForms.forEach((f, i) => {
    const texts: [string, Path][] = [[f.label, ['awardForms', i, 'label']], ...f.variants.map((v, j): [string, Path] => [v, ['awardForms', i, 'variants', j]])];
    for (const [text, path] of texts) {
      const key = labelKey(text);
      const shared = SHARED_TIER_KEYS.get(key);
      if (shared !== undefined) {
        issues.push(
          worded(
            path,
            `hình thức riêng “${f.label}”${path[2] === 'variants' ? ` (tên khác “${text}”)` : ''} trùng tên với hình thức chung “${shared}”: ô Hình thức đề nghị ghi “${text}” sẽ được đọc là hình thức riêng; nếu kế hoạch khen “${shared}” thì dùng hình thức chung và bỏ dòng này, nếu là hình thức khác thì đặt tên khác`,
          ),
        );
        continue;
      }
      const before = ownForms.get(key);
      if (before !== undefined && before !== i) issues.push(worded(path, `“${text}” đã là tên của một hình thức riêng khác; mỗi tên chỉ thuộc một hình thức, hãy đổi một trong hai`));
      else ownForms.set(key, i);
    }
  });
  return issues;
}

/** Sơ kết and tổng kết as a sentence says them. */
const ROUND_NAMES = { 'so-ket': ROUND_LABELS_VI['so-ket'].toLowerCase(), 'tong-ket': ROUND_LABELS_VI['tong-ket'].toLowerCase() } as const;

function roundYearTraps(plan: Plan): WordedIssue[] {
  // Written for a plan whose round years may be left out (an annual-only plan).
  const years = (plan as { roundYears?: Partial<Record<keyof typeof ROUND_NAMES, unknown>> }).roundYears;
  const period = plan.period;
  if (!years || !period) return [];
  const issues: WordedIssue[] = [];
  for (const round of ['so-ket', 'tong-ket'] as const) {
    const y = years[round];
    if (typeof y !== 'number' || (y >= period.from && y <= period.to)) continue;
    issues.push(
      worded(
        ['roundYears', round],
        `năm ${ROUND_NAMES[round]} ${y} nằm ngoài giai đoạn ${period.from}–${period.to} của kế hoạch; ghi năm ${ROUND_NAMES[round]} trong giai đoạn như kế hoạch viết, hoặc sửa lại giai đoạn`,
      ),
    );
  }
  return issues;
}
