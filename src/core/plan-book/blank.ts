/**
 * The blank plan workbook of `plan new`: every block of the format (BLOCKS, so a column added to
 * the format appears here too), the Thông tin fields empty, and one example row per sheet (a
 * scale needs two steps to mean anything, so Thang mức has two). The example rows form one small
 * consistent plan whose citations are left empty: `plan check` on a new workbook lists exactly the
 * cells the author must fill from the plan's text, and nothing else.
 */
import { BLOCKS, INFO_FIELDS, type BlockKey, type BookValue, type OwnVocabulary } from './format';
import type { BookTable } from './to-tables';

type Row = Record<string, BookValue>;

const OWN_SUBJECT = { id: 'to-cong-nghe-so', label: 'Tổ công nghệ số cộng đồng', variants: ['Tổ CNSCĐ'] };
const OWN_FORM = { id: 'thu-khen-xa', label: 'Thư khen của Chủ tịch UBND xã', variants: ['Thư khen'] };
const OWN_COLUMN = 'Xếp loại tổ';
const LEVELS = ['Hoàn thành nhiệm vụ', 'Hoàn thành tốt nhiệm vụ'];

/** The example rows, by block and column key; a key the format no longer has is simply not written. */
export const EXAMPLE_ROWS: Readonly<Partial<Record<BlockKey, readonly Row[]>>> = {
  subjectTypes: [{ id: OWN_SUBJECT.id, label: OWN_SUBJECT.label, variants: OWN_SUBJECT.variants.join('; '), individual: 'Không' }],
  awardForms: [{ id: OWN_FORM.id, label: OWN_FORM.label, variants: OWN_FORM.variants.join('; '), rank: 0.5 }],
  subjects: [{ subject: OWN_SUBJECT.label, letter: 'a', label: 'Các Tổ công nghệ số cộng đồng' }],
  criteria: [
    {
      id: 'a.1',
      subject: OWN_SUBJECT.label,
      kind: 'Tiêu chí',
      label: 'Được xếp loại hoàn thành tốt nhiệm vụ trở lên',
      column: OWN_COLUMN,
      op: 'Từ mức',
      value: LEVELS[1],
    },
  ],
  tiers: [{ tier: OWN_FORM.label, kind: 'Xét theo tiêu chí', label: OWN_FORM.label, rounds: 'Hằng năm' }],
  deadlines: [{ rounds: 'Hằng năm', tiers: OWN_FORM.label, date: '05/12', text: 'Trước ngày 05/12 hằng năm' }],
  notices: [{ text: 'Hồ sơ đề nghị gửi kèm báo cáo thành tích có xác nhận của thôn.' }],
  columns: [{ header: OWN_COLUMN, variants: 'Xếp loại', type: 'Thang mức', hint: LEVELS.join(' / ') }],
  scales: LEVELS.map((label, i) => ({ column: OWN_COLUMN, rank: i + 1, labels: label })),
};

/** The example's own subject type and award form, offered in the dropdowns beside the shared ones. */
export const EXAMPLE_OWN: OwnVocabulary = {
  subjects: [{ id: OWN_SUBJECT.id, labels: [OWN_SUBJECT.label, ...OWN_SUBJECT.variants] }],
  tiers: [{ id: OWN_FORM.id, labels: [OWN_FORM.label, ...OWN_FORM.variants] }],
};

/** The tables of a blank plan workbook, in the format's block order. */
export function blankPlanTables(): BookTable[] {
  return BLOCKS.map((block) => {
    const rows: Row[] = block.key === 'info' ? INFO_FIELDS.map((f) => ({ field: f.label })) : [...(EXAMPLE_ROWS[block.key] ?? [])];
    return { block, rows: rows.map((r) => block.columns.map((c) => r[c.key] ?? null)), depth: block.key === 'criteria' ? rows.map(() => 0) : undefined };
  });
}
