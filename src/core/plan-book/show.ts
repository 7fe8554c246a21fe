/**
 * A plan as readable text (`ntm-awards plan show`): who is awarded, under which criteria with
 * their citations, which award forms the plan decides, and the deadlines — what an official checks
 * against the signed document.
 */
import type { CompiledPlan } from '../compile';
import type { Expr, SubjectRule, TierRule } from '../plan-schema';
import { LEVEL_LABELS_VI, ROUND_LABELS_VI, TIER_IDS, type SubjectId } from '../vocabulary';
import { OP_CHOICES, SUBJECT_CHOICES, TIER_CHOICES, labelOf, ownVocabulary } from './format';

export function planText(compiled: CompiledPlan): string {
  const { plan } = compiled;
  const out: string[] = [];
  const own = ownVocabulary(plan);
  const subjectName = (id: string) => labelOf([...SUBJECT_CHOICES, ...own.subjects], id);
  const tierName = (id: string) => labelOf([...TIER_CHOICES, ...own.tiers], id);
  const cite = (c: { ref: string; quote: string } | undefined, indent: string) => {
    if (c) out.push(`${indent}  [${compiled.cite(c)}] “${c.quote}”`);
  };
  out.push(
    `${plan.title}`,
    `${plan.issuer} — ${plan.document}${plan.shortName ? ` (${plan.shortName})` : ''}`,
    `Mã: ${plan.id}; ${plan.period ? `giai đoạn ${plan.period.from}–${plan.period.to}; ` : ''}sơ kết năm ${plan.roundYears['so-ket']}, tổng kết năm ${plan.roundYears['tong-ket']}`,
  );
  for (const t of plan.subjectTypes) out.push(`Loại đối tượng riêng: ${t.label} (${t.id})`);
  for (const f of plan.awardForms) out.push(`Hình thức riêng: ${f.label} (${f.id}, thứ bậc ${f.rank})`);
  out.push('');

  const scope = (a: Expr['appliesTo']): string =>
    a ? ` [chỉ cho ${[...(a.subjects ?? []).map(subjectName), ...(a.labels ?? [])].map((x) => `“${x}”`).join(', ')}]` : '';
  const expr = (e: Expr, indent: string): void => {
    if ('column' in e) {
      const t = e.test;
      const op = labelOf(OP_CHOICES, t.op);
      const arg = 'value' in t ? ` ${t.value}` : 'column' in t ? ` “${t.column}”` : '';
      out.push(`${indent}- ${e.label} — cột “${e.column}”: ${op}${arg} (${e.id})${scope(e.appliesTo)}`);
    } else {
      const how = e.all ? 'đạt tất cả' : 'đạt một trong';
      out.push(`${indent}${e.label ? `${e.label} — ` : ''}${how} (${e.id})${scope(e.appliesTo)}:`);
    }
    cite(e.cite, indent);
    if (e.reading) out.push(`${indent}  Cách hiểu: ${e.reading}`);
    if (!('column' in e)) for (const m of e.all ?? e.any ?? []) expr(m, indent + '    ');
  };

  out.push('ĐỐI TƯỢNG VÀ TIÊU CHÍ');
  if (plan.general) {
    out.push('Tiêu chuẩn chung (mọi đối tượng):');
    expr(plan.general, '  ');
  }
  for (const [subject, rule] of Object.entries(plan.subjects) as [SubjectId, SubjectRule][]) {
    if ('criteria' in rule) {
      out.push(`${subjectName(subject)} — điểm ${rule.letter}: ${rule.label}`);
      cite(rule.cite, '');
      for (const n of rule.notices ?? []) out.push(`  Lưu ý: ${n.text}`);
      expr(rule.criteria, '  ');
    } else {
      out.push(`${subjectName(subject)}: xét như ${subjectName(rule.judgedAs)} — ${rule.reading}`);
      cite(rule.cite, '');
    }
  }
  out.push('', 'HÌNH THỨC KHEN');
  for (const tier of [...TIER_IDS, ...Object.keys(plan.tiers).filter((t) => !(TIER_IDS as readonly string[]).includes(t))]) {
    const rule = plan.tiers[tier] as TierRule;
    const name = tierName(tier);
    if (rule.kind === 'none') {
      out.push(`${name}: không áp dụng${rule.note ? ` — ${rule.note}` : ''}`);
      continue;
    }
    const rounds = rule.rounds.map((r) => ROUND_LABELS_VI[r]).join(', ');
    if (rule.kind === 'hand-over') out.push(`${name} (“${rule.label}”): theo ${rule.document}; đợt: ${rounds}`);
    else out.push(`${name} (“${rule.label}”): xét theo tiêu chí; đợt: ${rounds}${rule.minLevel ? `; mức thành tích từ ${LEVEL_LABELS_VI[rule.minLevel]}` : ''}`);
    cite(rule.cite, '');
    if (rule.kind === 'evaluated') for (const n of rule.notices ?? []) out.push(`  Lưu ý${n.rounds ? ` (${n.rounds.map((r) => ROUND_LABELS_VI[r]).join(', ')})` : ''}: ${n.text}`);
  }
  out.push('', 'THỜI HẠN');
  if (!plan.deadlines.length) out.push('Kế hoạch không ghi hạn trình.');
  for (const d of plan.deadlines) {
    const when = `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}`;
    out.push(`${when} (${d.rounds.map((r) => ROUND_LABELS_VI[r]).join(', ')}; ${d.tiers.map(tierName).join(', ')}): ${d.text}`);
    cite(d.cite, '');
  }
  if (plan.notices.length) {
    out.push('', 'LƯU Ý');
    for (const n of plan.notices) {
      out.push(`- ${n.text}`);
      cite(n.cite, '');
    }
  }
  for (const sc of plan.scales) {
    out.push('', `THANG MỨC “${sc.column}”: ${sc.values.filter((v) => !v.offScale).map((v) => v.labels[0]).join(' < ')}`);
    for (const v of sc.values) if (v.offScale) out.push(`  “${v.labels[0]}”: ngoài thang — ${v.offScale}`);
    if (sc.reading) out.push(`  Cách hiểu: ${sc.reading}`);
    cite(sc.cite, '');
  }
  if (plan.columns.length) {
    out.push('', 'CỘT RIÊNG');
    for (const c of plan.columns) out.push(`- ${c.header} (${c.type})${c.scale ? `: ${c.scale.map((v) => v.labels[0]).join(' < ')}` : ''}`);
  }
  return out.join('\n');
}
