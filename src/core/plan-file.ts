/**
 * A plan JSON file's problems for people: every problem one Vietnamese line led by its path inside
 * the file ("subjects.xa.criteria.any.0.column: …"), found the way the plan workbook's reader finds
 * them (each criterion judged on its own, so a union's failure names the field that is wrong).
 */
import { referenceIssues, shapeIssues, type Issue } from './plan-book/issues';
import { guardPlanData } from './plan-guard';
import { issueVi, valueVi } from './plan-issues-vi';
import { validatePlan } from './plan-schema';

type Path = (string | number)[];

/** Where the criteria trees of plan data are (the reader validates each criterion on its own). */
function exprRoots(data: Record<string, unknown>): Path[] {
  const roots: Path[] = [];
  if (data.general !== undefined) roots.push(['general']);
  const subjects = data.subjects;
  if (subjects && typeof subjects === 'object' && !Array.isArray(subjects)) {
    for (const [s, rule] of Object.entries(subjects)) if (rule && typeof rule === 'object' && 'criteria' in rule) roots.push(['subjects', s, 'criteria']);
  }
  // Each award form's own criteria (tiers.<form>.criteria[k].criteria) are trees too.
  const tiers = data.tiers;
  if (tiers && typeof tiers === 'object' && !Array.isArray(tiers)) {
    for (const [t, rule] of Object.entries(tiers)) {
      const forms = rule && typeof rule === 'object' ? (rule as { criteria?: unknown }).criteria : undefined;
      if (Array.isArray(forms)) forms.forEach((f, k) => f && typeof f === 'object' && 'criteria' in f && roots.push(['tiers', t, 'criteria', k, 'criteria']));
    }
  }
  return roots;
}

/** "subjects.xa.criteria.any.0.column", or "(gốc)" for the file itself; a very deep path cut in the middle. */
export function pathText(path: Path): string {
  if (!path.length) return '(gốc)';
  // A runaway nesting's path is the same two steps many times over: its ends say where it is.
  if (path.length > 16) return `${path.slice(0, 6).join('.')}.….${path.slice(-4).join('.')} (${path.length} bậc)`;
  return path.join('.');
}

/**
 * Every problem of a parsed plan JSON file, one line each ("path: sentence"), in Vietnamese; empty
 * when the plan is valid. Reserved keys and runaway nesting are refused before anything recurses.
 */
export function planJsonProblems(data: unknown): string[] {
  const guarded = guardPlanData(data);
  if (guarded.length) return guarded.map((i) => `${pathText(i.path)}: ${i.message}`);
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [`(gốc): tệp kế hoạch phải là một nhóm mục { … } (như tệp của ntm-awards plan build), không phải ${valueVi(data)}`];
  const roots = exprRoots(data as Record<string, unknown>);
  let issues: Issue[] = shapeIssues(data, roots);
  if (issues.length) issues.push(...referenceIssues(data, roots));
  else {
    const r = validatePlan(data);
    issues = r.ok ? [] : r.issues;
  }
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const i of issues) {
    const line = `${pathText(i.path)}: ${issueVi(i, data)}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  return lines;
}

/** A JSON syntax error, said with its line and column instead of the engine's English. */
export function jsonSyntaxVi(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const m = /position (\d+)/.exec(message);
  if (m) {
    const pos = Math.min(Number(m[1]), text.length);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const col = pos - before.lastIndexOf('\n');
    return `lỗi cú pháp JSON ở dòng ${line}, cột ${col}`;
  }
  if (/end of JSON input|Unterminated/i.test(message) || text.trim() === '') return text.trim() === '' ? 'tệp rỗng' : 'tệp JSON kết thúc giữa chừng (thiếu “}” hoặc “]”)';
  return 'lỗi cú pháp JSON';
}
