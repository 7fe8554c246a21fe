/**
 * A plan as readable text (`ntm-awards plan show`): who is awarded, under which criteria with
 * their citations, which award forms the plan decides, and the deadlines — what an official checks
 * against the signed document.
 */
import type { CompiledPlan } from '../compile';
import type { Expr, SubjectRule, TierRule } from '../plan-schema';
import { LEVEL_LABELS_VI, ROUND_LABELS_VI, SUBJECT_NAMES_VI, TIER_IDS, TIER_LABELS_VI, type SubjectId } from '../vocabulary';
import { OP_CHOICES, labelOf } from './format';

export function planText(compiled: CompiledPlan): string {
  const { plan } = compiled;
  const out: string[] = [];
  const cite = (c: { ref: string; quote: string } | undefined, indent: string) => {
    if (c) out.push(`${indent}  [${compiled.cite(c)}] “${c.quote}”`);
  };
  out.push(`${plan.title}`, `${plan.issuer} — ${plan.document}`, `Mã: ${plan.id}; sơ kết năm ${plan.roundYears['so-ket']}, tổng kết năm ${plan.roundYears['tong-ket']}`, '');

  const expr = (e: Expr, indent: string): void => {
    if ('column' in e) {
      const t = e.test;
      const op = labelOf(OP_CHOICES, t.op);
      const arg = 'value' in t ? ` ${t.value}` : 'column' in t ? ` “${t.column}”` : '';
      out.push(`${indent}- ${e.label} — cột “${e.column}”: ${op}${arg} (${e.id})`);
    } else {
      const how = e.all ? 'đạt tất cả' : 'đạt một trong';
      out.push(`${indent}${e.label ? `${e.label} — ` : ''}${how} (${e.id}):`);
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
      out.push(`${SUBJECT_NAMES_VI[subject]} — điểm ${rule.letter}: ${rule.label}`);
      cite(rule.cite, '');
      for (const n of rule.notices ?? []) out.push(`  Lưu ý: ${n.text}`);
      expr(rule.criteria, '  ');
    } else {
      out.push(`${SUBJECT_NAMES_VI[subject]}: xét như ${SUBJECT_NAMES_VI[rule.judgedAs]} — ${rule.reading}`);
      cite(rule.cite, '');
    }
  }
  out.push('', 'HÌNH THỨC KHEN');
  for (const tier of TIER_IDS) {
    const rule = plan.tiers[tier] as TierRule;
    const name = TIER_LABELS_VI[tier];
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
    out.push(`${when} (${d.rounds.map((r) => ROUND_LABELS_VI[r]).join(', ')}; ${d.tiers.map((t) => TIER_LABELS_VI[t]).join(', ')}): ${d.text}`);
    cite(d.cite, '');
  }
  if (plan.notices.length) {
    out.push('', 'LƯU Ý');
    for (const n of plan.notices) {
      out.push(`- ${n.text}`);
      cite(n.cite, '');
    }
  }
  if (plan.columns.length) {
    out.push('', 'CỘT RIÊNG');
    for (const c of plan.columns) out.push(`- ${c.header} (${c.type})${c.scale ? `: ${c.scale.map((v) => v.labels[0]).join(' < ')}` : ''}`);
  }
  return out.join('\n');
}
