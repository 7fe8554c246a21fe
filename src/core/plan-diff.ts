/**
 * What differs between two plans (`ntm-awards plan diff`, issue 18): an office revising a draft, or
 * comparing its plan with last year's, sees which criteria, award forms, deadlines and periods
 * changed, each said in the plan's own words. Pure: both plans come compiled.
 */
import type { CompiledPlan } from './compile';
import { roundYearsText, testText } from './plan-book/show';
import { identityLine, planIdentity } from './plan-identity';
import type { Expr, TierRule } from './plan-schema';
import { LEVEL_LABELS_VI, ROUND_LABELS_VI, type LevelId, type RoundId } from './vocabulary';

export type DiffKind = 'changed' | 'removed' | 'added';

export interface DiffItem {
  /** The part of the plan: "Giai đoạn", "Hình thức khen", "Thời hạn", "Tiêu chí — Xã", … */
  section: string;
  /** What the line is about, in the plan's own words (a criterion's id and label, a form's name). */
  what: string;
  kind: DiffKind;
  /** The first plan's words (absent when added). */
  before?: string;
  /** The second plan's words (absent when removed). */
  after?: string;
}

interface Entry {
  section: string;
  what: string;
  text: string;
}

const rounds = (rs: readonly RoundId[]): string => rs.map((r) => ROUND_LABELS_VI[r] ?? r).join(', ');
const cited = (c: { ref: string } | undefined): string => (c ? ` [${c.ref.replace(/^§\s*/, 'mục ')}]` : '');

function tierText(rule: TierRule): string {
  switch (rule.kind) {
    case 'none':
      return `không áp dụng${rule.note ? ` — ${rule.note}` : ''}`;
    case 'hand-over':
      return `“${rule.label}”: theo ${rule.document}; đợt: ${rounds(rule.rounds)}${cited(rule.cite)}`;
    default: {
      const level = rule.minLevel ? `; mức thành tích từ ${LEVEL_LABELS_VI[rule.minLevel as LevelId] ?? rule.minLevel}${rule.levelCite ? cited(rule.levelCite) : ''}` : '';
      return `“${rule.label}”: xét theo tiêu chí; đợt: ${rounds(rule.rounds)}${level}${cited(rule.cite)}`;
    }
  }
}

/** Every part of a plan that a diff compares, keyed so that the same part of two plans meets. */
function entries(compiled: CompiledPlan): Map<string, Entry> {
  const { plan } = compiled;
  const out = new Map<string, Entry>();
  const put = (key: string, section: string, what: string, text: string) => out.set(key, { section, what, text });
  put('doc.title', 'Văn bản', 'Tên', plan.title);
  put('doc.issuer', 'Văn bản', 'Cơ quan ban hành', plan.issuer);
  put('doc.document', 'Văn bản', 'Văn bản', plan.document);
  if (plan.shortName) put('doc.short', 'Văn bản', 'Tên ngắn', plan.shortName);
  if (plan.period) put('period', 'Giai đoạn', 'Giai đoạn', `${plan.period.from}–${plan.period.to}${cited(plan.period.cite)}`);
  const ry = plan.roundYears;
  put('rounds', 'Giai đoạn', 'Năm sơ kết, tổng kết', roundYearsText(ry));
  for (const t of plan.subjectTypes) put(`type.${t.id}`, 'Loại đối tượng riêng', t.id, t.label);
  for (const f of plan.awardForms) put(`form.${f.id}`, 'Hình thức riêng', f.id, `${f.label} (thứ bậc ${f.rank})`);
  for (const [tier, rule] of Object.entries(plan.tiers) as [string, TierRule][]) {
    put(`tier.${tier}`, 'Hình thức khen', compiled.tierName(tier), tierText(rule));
  }
  for (const d of plan.deadlines) {
    const forms = d.tiers.map((t) => compiled.tierName(t)).join(', ');
    put(`deadline.${[...d.tiers].sort().join(',')}|${[...d.rounds].sort().join(',')}`, 'Thời hạn', `${forms} (${rounds(d.rounds)})`, `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}: ${d.text}${cited(d.cite)}`);
  }
  plan.notices.forEach((n, i) => put(`notice.${i}`, 'Lưu ý', `Lưu ý ${i + 1}`, n.text));
  const scope = (a: Expr['appliesTo']): string =>
    a ? ` [chỉ cho ${[...(a.subjects ?? []).map((s) => compiled.subjectName(s)), ...(a.labels ?? [])].map((x) => `“${x}”`).join(', ')}]` : '';
  const expr = (e: Expr, prefix: string, section: string): void => {
    if ('column' in e) {
      put(`${prefix}${e.id}`, section, `${e.id} ${e.label}`, `cột “${e.column}” ${testText(e.test, compiled.registry.get(e.column)?.type)}${scope(e.appliesTo)}${cited(e.cite)}`);
      return;
    }
    const members = e.all ?? e.any ?? [];
    put(`${prefix}${e.id}`, section, `${e.id}${e.label ? ` ${e.label}` : ''}`, `${e.all ? 'đạt tất cả' : 'đạt một trong'}: ${members.map((m) => m.id).join(', ')}${scope(e.appliesTo)}${cited(e.cite)}`);
    for (const m of members) expr(m, prefix, section);
  };
  if (plan.general) expr(plan.general, 'general.', 'Tiêu chuẩn chung');
  for (const [tier, rule] of Object.entries(plan.tiers) as [string, TierRule][]) {
    if (rule.kind !== 'evaluated') continue;
    (rule.criteria ?? []).forEach((fc, k) => {
      const section = `Tiêu chí riêng — ${compiled.tierName(tier)}`;
      const who = fc.subjects ? fc.subjects.map((x) => compiled.subjectName(x)).join(', ') : 'mọi đối tượng';
      put(`form.${tier}.${k}`, section, 'Áp dụng', `${who}${fc.replaces ? `, thay tiêu chí ${fc.replaces}` : ', thêm vào tiêu chí của đối tượng'}`);
      expr(fc.criteria, `form.${tier}.${k}.`, section);
    });
  }
  for (const [subject, rule] of Object.entries(plan.subjects)) {
    const section = `Tiêu chí — ${compiled.subjectName(subject)}`;
    if ('criteria' in rule) {
      put(`subject.${subject}`, section, 'Đối tượng', `điểm ${rule.letter}: ${rule.label}${cited(rule.cite)}`);
      expr(rule.criteria, `crit.${subject}.`, section);
    } else put(`subject.${subject}`, section, 'Đối tượng', `xét như ${compiled.subjectName(rule.judgedAs)} — ${rule.reading}`);
  }
  return out;
}

/** What differs from plan `a` to plan `b`, in `a`'s order, then what only `b` has. */
export function diffPlans(a: CompiledPlan, b: CompiledPlan): DiffItem[] {
  const before = entries(a);
  const after = entries(b);
  const items: DiffItem[] = [];
  for (const [key, e] of before) {
    const other = after.get(key);
    if (!other) items.push({ section: e.section, what: e.what, kind: 'removed', before: e.text });
    else if (other.text !== e.text || other.what !== e.what) items.push({ section: other.section, what: other.what, kind: 'changed', before: e.text, after: other.text });
  }
  for (const [key, e] of after) if (!before.has(key)) items.push({ section: e.section, what: e.what, kind: 'added', after: e.text });
  return items;
}

const MARK: Record<DiffKind, string> = { changed: '~', removed: '-', added: '+' };

/** The diff as lines: the two plans named exactly, then each difference under its section. */
export function diffText(a: CompiledPlan, b: CompiledPlan, items: readonly DiffItem[] = diffPlans(a, b)): string[] {
  const out = [`- ${identityLine(planIdentity(a))}`, `+ ${identityLine(planIdentity(b))}`];
  if (!items.length) {
    out.push('Hai kế hoạch giống nhau về tiêu chí, hình thức, thời hạn và giai đoạn.');
    return out;
  }
  out.push(`${items.length} chỗ khác:`);
  const sections = [...new Set(items.map((i) => i.section))];
  for (const section of sections) {
    out.push('', `${section}:`);
    for (const i of items.filter((x) => x.section === section)) {
      if (i.kind === 'changed') out.push(`  ~ ${i.what}: ${i.before}`, `      → ${i.after}`);
      else out.push(`  ${MARK[i.kind]} ${i.what}: ${i.kind === 'removed' ? i.before : i.after}${i.kind === 'removed' ? ' (chỉ có ở kế hoạch thứ nhất)' : ' (chỉ có ở kế hoạch thứ hai)'}`);
    }
  }
  return out;
}
