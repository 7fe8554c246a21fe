/**
 * A plan as readable text (`ntm-awards plan show`): who is awarded, under which criteria with
 * their citations, which award forms the plan decides and on what conditions, and the deadlines —
 * what an official checks against the signed document. Every condition the engine applies to a
 * row is printed here, in words, and nothing the plan does not state.
 */
import { COL } from '../columns';
import type { CompiledPlan } from '../compile';
import { numberText } from '../criteria-tree';
import type { Expr, Plan, SubjectRule, Test, TierRule } from '../plan-schema';
import { LEVEL_LABELS_VI, ROUND_LABELS_VI, TIER_IDS, type SubjectId } from '../vocabulary';
import { COLUMN_TYPE_CHOICES, SUBJECT_CHOICES, TIER_CHOICES, labelOf, ownVocabulary } from './format';

/** A number as the plan's column reads it, with its unit: "40.000.000 đồng", "6,5%", "2025". */
function amountText(n: number, type: string | undefined): string {
  const text = numberText(n, type ?? '');
  return type === 'money' ? `${text} đồng` : type === 'percent' ? `${text}%` : text;
}

/** A test in the words a plan uses: "có", "từ 40.000.000 đồng trở lên", "cao hơn 20.000.000 đồng". */

/** "sơ kết năm 2028, tổng kết năm 2030", the one round year given, or "chỉ khen hằng năm". */
export function roundYearsText(ry: Plan['roundYears']): string {
  if (!ry || (ry['so-ket'] === undefined && ry['tong-ket'] === undefined)) return 'chỉ khen hằng năm';
  return [ry['so-ket'] !== undefined ? `sơ kết năm ${ry['so-ket']}` : '', ry['tong-ket'] !== undefined ? `tổng kết năm ${ry['tong-ket']}` : ''].filter(Boolean).join(', ');
}

export function testText(t: Test, type: string | undefined): string {
  switch (t.op) {
    case 'yes':
      return 'phải là “Có”';
    case 'no':
      return 'phải là “Không”';
    case 'atLeast':
      return `từ mức “${t.value}” trở lên`;
    case 'min':
      return `từ ${amountText(t.value, type)} trở lên`;
    case 'more':
      return `cao hơn ${amountText(t.value, type)}`;
    case 'less':
      return `dưới ${amountText(t.value, type)}`;
    case 'max':
      return `không quá ${amountText(t.value, type)}`;
    case 'notAfter':
      return `không muộn hơn năm ở cột “${t.column}”`;
    case 'atLeastColumn':
      return `không thấp hơn số ở cột “${t.column}”`;
  }
}

export function planText(compiled: CompiledPlan): string {
  const { plan } = compiled;
  const out: string[] = [];
  const own = ownVocabulary(plan);
  const subjectName = (id: string) => labelOf([...SUBJECT_CHOICES, ...own.subjects], id);
  const tierName = (id: string) => labelOf([...TIER_CHOICES, ...own.tiers], id);
  const rounds = (ids: readonly string[]) => ids.map((r) => ROUND_LABELS_VI[r as keyof typeof ROUND_LABELS_VI]).join(', ');
  const cite = (c: { ref: string; quote: string } | undefined, indent: string) => {
    if (c) out.push(`${indent}  [${compiled.cite(c)}] “${c.quote}”`);
  };
  const ry = plan.roundYears;
  out.push(
    `${plan.title}`,
    `${plan.issuer} — ${plan.document}${plan.shortName ? ` (${plan.shortName})` : ''}`,
    `Mã: ${plan.id}${plan.period ? `; giai đoạn ${plan.period.from}–${plan.period.to}` : ''}; ${roundYearsText(ry)}`,
  );
  for (const t of plan.subjectTypes) out.push(`Loại đối tượng riêng: ${t.label}${t.variants.length ? ` (còn ghi: ${t.variants.join('; ')})` : ''}${t.individual ? ' — cá nhân' : ''}`);
  for (const f of plan.awardForms) out.push(`Hình thức riêng: ${f.label}${f.variants.length ? ` (còn ghi: ${f.variants.join('; ')})` : ''}, thứ bậc ${f.rank}`);
  if (plan.period) cite(plan.period.cite, '');
  if (ry) cite(ry.cite, '');
  out.push('');

  // The columns every row is read for, whatever the criteria (spec §4): said here so nothing is hidden.
  out.push('CỘT BẮT BUỘC');
  out.push(`- ${COL.name}, ${COL.subject}, ${COL.proposed}: mọi dòng`);
  out.push(`- ${COL.unit}: dòng ${[...compiled.individualSubjects].map(subjectName).join(', ')}`);
  if (plan.deadlines.length) out.push(`- ${COL.submitted}: dòng có hạn trình (xem THỜI HẠN)`);
  if (Object.values(plan.tiers).some((t) => t.kind === 'evaluated' && t.minLevel)) out.push(`- ${COL.level}: dòng đề nghị hình thức có mức thành tích tối thiểu (xem HÌNH THỨC KHEN)`);
  out.push(`- ${COL.round}: không ghi thì lấy đợt chọn khi kiểm tra, không chọn thì là Hằng năm; ${COL.year}: không ghi thì lấy năm chọn khi kiểm tra, hoặc năm của ${COL.submitted}`);
  out.push('');

  const scope = (a: Expr['appliesTo']): string =>
    a ? ` [chỉ cho ${[...(a.subjects ?? []).map(subjectName), ...(a.labels ?? [])].map((x) => `“${x}”`).join(', ')}]` : '';
  const expr = (e: Expr, indent: string): void => {
    if ('column' in e) {
      out.push(`${indent}- ${e.label} — cột “${e.column}” ${testText(e.test, compiled.registry.get(e.column)?.type)} (${e.id})${scope(e.appliesTo)}`);
    } else {
      const how = e.all ? 'đạt tất cả' : 'đạt một trong';
      out.push(`${indent}${e.label ? `${e.label} — ` : ''}${how} (${e.id})${scope(e.appliesTo)}:`);
    }
    cite(e.cite, indent);
    if (e.reading) out.push(`${indent}  Cách hiểu: ${e.reading}`);
    if ('column' in e && e.notice) out.push(`${indent}  Lưu ý: ${e.notice}`);
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
  out.push('Đối tượng khác: kế hoạch không có tiêu chuẩn — không đủ điều kiện.');
  if (plan.subjectsCite) cite(plan.subjectsCite, '');
  out.push('', 'HÌNH THỨC KHEN');
  for (const tier of [...TIER_IDS, ...Object.keys(plan.tiers).filter((t) => !(TIER_IDS as readonly string[]).includes(t))]) {
    const rule = plan.tiers[tier] as TierRule;
    const name = tierName(tier);
    if (rule.kind === 'none') {
      out.push(`${name}: kế hoạch không có hình thức này — không đủ điều kiện${rule.note ? `. ${rule.note}` : ''}`);
      cite(rule.cite ?? plan.formsCite, '');
      continue;
    }
    if (rule.kind === 'hand-over') out.push(`${name} (“${rule.label}”): tiêu chuẩn theo ${rule.document}; đợt: ${rounds(rule.rounds)}`);
    else out.push(`${name} (“${rule.label}”): xét theo tiêu chí; đợt: ${rounds(rule.rounds)}`);
    cite(rule.cite, '');
    if (rule.roundCite) {
      out.push(`  Đợt khen:`);
      cite(rule.roundCite, '  ');
    }
    if (rule.reading) out.push(`  Cách hiểu: ${rule.reading}`);
    if (rule.notice) out.push(`  Lưu ý: ${rule.notice}`);
    if (rule.kind !== 'evaluated') continue;
    if (rule.minLevel) {
      out.push(`  Mức thành tích từ “${LEVEL_LABELS_VI[rule.minLevel]}” trở lên`);
      cite(rule.levelCite ?? rule.cite, '  ');
    }
    for (const n of rule.notices ?? []) out.push(`  Lưu ý${n.rounds ? ` (${rounds(n.rounds)})` : ''}: ${n.text}`);
    for (const fc of rule.criteria ?? []) {
      const who = fc.subjects ? fc.subjects.map(subjectName).join(', ') : 'mọi đối tượng';
      out.push(`  Tiêu chí riêng của hình thức này (${who})${fc.replaces ? `, thay tiêu chí ${fc.replaces}` : ', thêm vào tiêu chí của đối tượng'}:`);
      expr(fc.criteria, '    ');
    }
  }
  out.push('', 'THỜI HẠN');
  if (!plan.deadlines.length) out.push('Kế hoạch không ghi hạn trình.');
  for (const d of plan.deadlines) {
    const when = `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}`;
    out.push(`Trước ngày ${when} (${rounds(d.rounds)}; ${d.tiers.map(tierName).join(', ')}): ${d.text}`);
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
    for (const c of plan.columns) {
      const kind = labelOf(COLUMN_TYPE_CHOICES, c.type).toLowerCase();
      out.push(`- ${c.header} (${kind})${c.variants.length ? `; còn ghi: ${c.variants.join('; ')}` : ''}${c.scale ? `: ${c.scale.map((v) => v.labels[0]).join(' < ')}` : ''}`);
    }
  }
  return out.join('\n');
}
