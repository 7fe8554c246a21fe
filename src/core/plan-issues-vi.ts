/**
 * A plan's problems said in Vietnamese, by path and kind of problem, never in zod's English or
 * with JavaScript's rendering of a value ("[object Object]", "undefined"). The plan workbook's
 * reader says most problems in its own terms (sheets, cells, dropdowns, plan-book/issues.ts) and
 * falls back to these sentences; a plan JSON file is said entirely with them, each line led by
 * the path inside the file ("subjects.xa.criteria.any.0.column: …"), since a JSON file has no cells.
 */
import { buildRegistry, type ColumnDef } from './columns';
import { COLUMN_TYPE_CHOICES, OP_CHOICES, labelOf } from './plan-book/format';
import type { Issue } from './plan-book/issues';
import { WORDED } from './plan-guard';
import { ROUND_LABELS_VI, type RoundId } from './vocabulary';

type Path = (string | number)[];

/** What each field of the plan format is, for sentences ("thiếu tên phong trào"). */
const FIELD_VI: Record<string, string> = {
  id: 'mã',
  title: 'tên phong trào',
  issuer: 'cơ quan ban hành',
  document: 'văn bản',
  shortName: 'tên ngắn',
  source: 'tệp nguồn',
  file: 'tên tệp nguồn',
  period: 'giai đoạn',
  from: 'năm đầu giai đoạn',
  to: 'năm cuối giai đoạn',
  roundYears: 'năm sơ kết, tổng kết',
  'so-ket': 'năm sơ kết',
  'tong-ket': 'năm tổng kết',
  cite: 'trích dẫn',
  roundCite: 'trích dẫn đợt',
  subjectsCite: 'trích dẫn đối tượng khen',
  ref: 'mục trích dẫn',
  quote: 'nguyên văn',
  label: 'tên',
  letter: 'điểm (chữ cái của mục)',
  criteria: 'tiêu chí',
  general: 'tiêu chuẩn chung',
  column: 'cột',
  test: 'phép thử',
  op: 'phép thử',
  value: 'giá trị',
  reading: 'cách hiểu',
  notice: 'lưu ý',
  notices: 'lời nhắc',
  text: 'nội dung',
  all: 'nhóm “tất cả”',
  any: 'nhóm “một trong”',
  appliesTo: 'phạm vi áp dụng',
  subjects: 'đối tượng',
  labels: 'tên',
  tiers: 'hình thức khen',
  kind: 'cách xét',
  rounds: 'đợt',
  minLevel: 'mức thành tích tối thiểu',
  deadlines: 'thời hạn',
  month: 'tháng',
  day: 'ngày',
  columns: 'cột riêng',
  header: 'tiêu đề cột',
  variants: 'tên khác',
  type: 'kiểu cột',
  scale: 'thang mức',
  scales: 'thang mức',
  values: 'các mức',
  rank: 'thứ bậc',
  offScale: 'lý do ngoài thang',
  subjectTypes: 'loại đối tượng riêng',
  awardForms: 'hình thức riêng',
  individual: 'cá nhân',
  judgedAs: 'xét như đối tượng',
  hint: 'gợi ý',
  note: 'ghi chú',
};

/** The field a path ends at, in words: "tên phong trào (title)", "mục 2 của đợt (rounds)". */
export function fieldVi(path: Path): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'tệp kế hoạch';
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    const of = typeof parent === 'string' ? (FIELD_VI[parent] ?? `“${parent}”`) : 'danh sách';
    return `mục thứ ${last + 1} của ${of}`;
  }
  const parent = path[path.length - 2];
  if (parent === 'tiers' && path.length === 2) return `quy định của hình thức “${last}”`;
  if (parent === 'subjects' && path.length === 2) return `quy định của đối tượng “${last}”`;
  const name = FIELD_VI[last];
  return name ? `${name} (“${last}”)` : `“${last}”`;
}

/** A value as people read it: text quoted and cut, never "[object Object]" or "undefined". */
export function valueVi(v: unknown): string {
  if (v === undefined) return 'trống';
  if (v === null) return 'trống (null)';
  if (typeof v === 'string') return v.trim() === '' ? 'trống' : `“${v.length > 60 ? `${v.slice(0, 57)}…` : v}”`;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'không phải số';
  if (typeof v === 'boolean') return v ? 'true (đúng)' : 'false (sai)';
  if (Array.isArray(v)) return v.length ? `một danh sách ${v.length} mục` : 'một danh sách rỗng';
  if (typeof v === 'object') return 'một nhóm mục { … }';
  return 'một giá trị không đọc được';
}

const KIND_VI: Record<string, string> = {
  string: 'chữ trong dấu ngoặc kép',
  number: 'số',
  int: 'số nguyên',
  boolean: 'true hoặc false',
  object: 'một nhóm mục { … }',
  array: 'một danh sách [ … ]',
  record: 'một nhóm mục { … }',
};

const at = (data: unknown, path: Path): unknown => {
  let v = data;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
};

const registryOf = (data: unknown) => buildRegistry(((data as { columns?: unknown })?.columns ?? []) as ColumnDef[]);
const typeVi = (type: string): string => labelOf(COLUMN_TYPE_CHOICES, type);

/**
 * One problem → one Vietnamese sentence saying what is wrong and what to do, without the location
 * (the caller puts the path or the cell before it). `name` names the field for people.
 */
export function issueVi(issue: Issue, data: unknown, name: (path: Path) => string = fieldVi): string {
  const path = issue.path;
  const last = path[path.length - 1];
  const parentKey = path[path.length - 2];
  const value = issue.input ?? at(data, path);
  const z = (issue.zod ?? {}) as Record<string, unknown>;
  const field = name(path);
  if (issue.code === WORDED) return issue.message;

  if (issue.code === undefined) return referenceVi(issue, data, field, value);

  switch (issue.code) {
    case 'invalid_type': {
      const expected = KIND_VI[String(z.expected)] ?? 'một giá trị khác';
      if (value === undefined) return `thiếu ${field}; thêm mục này, giá trị là ${expected}`;
      return `${field} phải là ${expected}, không phải ${valueVi(value)}`;
    }
    case 'too_small': {
      if (z.origin === 'string') return `${field} đang trống; ghi nội dung`;
      if (z.origin === 'array') return `${field} cần ít nhất ${String(z.minimum)} mục`;
      return `${field} là ${valueVi(value)}, phải ${z.inclusive === false ? `lớn hơn ${String(z.minimum)}` : `từ ${String(z.minimum)} trở lên`}`;
    }
    case 'too_big': {
      if (z.origin === 'string') return `${field} quá dài (tối đa ${String(z.maximum)} ký tự)`;
      if (z.origin === 'array') return `${field} quá nhiều mục (tối đa ${String(z.maximum)})`;
      return `${field} là ${valueVi(value)}, không được quá ${String(z.maximum)}`;
    }
    case 'invalid_format':
      if (last === 'id' || (parentKey === undefined && last === 'id')) return `mã ${valueVi(value)} chỉ gồm chữ thường không dấu, số, “.” và “-”, ví dụ “b.1”`;
      if (last === 'ref') return `${field} ${valueVi(value)} phải bắt đầu bằng “§” rồi đến mục, ví dụ “§V.1.b•1”`;
      return `${field} ${valueVi(value)} không đúng cách ghi; chỉ dùng chữ thường không dấu, số và “-”`;
    case 'invalid_value': {
      const values = Array.isArray(z.values) ? (z.values as unknown[]).map((v) => `“${String(v)}”`).join(', ') : '';
      return `${field} ${valueVi(value)} không có trong danh sách; dùng một trong: ${values}`;
    }
    case 'invalid_union': {
      const options = Array.isArray(z.options) ? (z.options as unknown[]).map((v) => `“${String(v)}”`).join(', ') : '';
      if (options) return `${field} ${valueVi(value)} không có trong danh sách; dùng một trong: ${options}`;
      return `${field} không đúng dạng nào của định dạng kế hoạch; so với một kế hoạch mẫu (ntm-awards plan export)`;
    }
    case 'unrecognized_keys': {
      const keys = Array.isArray(z.keys) ? (z.keys as unknown[]).map((k) => `“${String(k)}”`).join(', ') : '';
      return `mục ${keys} không thuộc định dạng kế hoạch ở chỗ này (gõ sai tên, hoặc đặt nhầm chỗ); sửa tên hoặc xóa`;
    }
    case 'invalid_key':
      return `mã ${valueVi(last)} không hợp lệ: chỉ gồm chữ thường không dấu, số và “-”, ví dụ “dac-khu”`;
    case 'custom':
      if (last === 'period') {
        const p = (value ?? {}) as { from?: unknown; to?: unknown };
        return `năm đầu giai đoạn ${valueVi(p.from)} sau năm cuối ${valueVi(p.to)}; ghi năm đầu trước năm cuối, ví dụ 2026 và 2030`;
      }
      if (last === 'appliesTo') return `${field} cần ghi loại đối tượng (“subjects”) hoặc tên đối tượng (“labels”)`;
      if (value && typeof value === 'object' && ('all' in value || 'any' in value)) return 'một nhóm có đúng một trong “all” (tất cả) hoặc “any” (một trong), không cả hai';
      return `${field} ${valueVi(value)} không hợp lệ; sửa theo hướng dẫn viết kế hoạch`;
    default:
      return `${field} ${valueVi(value)} không hợp lệ; sửa theo hướng dẫn viết kế hoạch`;
  }
}

/** The problems found once the shape is right (validatePlan's own checks), by their path. */
function referenceVi(issue: Issue, data: unknown, field: string, value: unknown): string {
  const path = issue.path;
  const last = path[path.length - 1];
  const parentKey = path[path.length - 2];
  if (last === 'column' && path[0] === 'scales') {
    const def = registryOf(data).get(String(value));
    return def
      ? `cột “${String(value)}” kiểu ${typeVi(def.type)} không có thang mức; thang chỉ dùng cho cột kiểu Thang mức`
      : `không có cột “${String(value)}”; ghi đúng tiêu đề một cột chuẩn hoặc một cột riêng`;
  }
  if (last === 'column' && parentKey === 'test') return `không có cột “${String(value)}” để so sánh; ghi đúng tiêu đề một cột chuẩn hoặc cột riêng`;
  if (last === 'column') return `không có cột “${String(value)}”; dùng đúng tiêu đề cột chuẩn (như trong mẫu “ntm-awards template”) hoặc khai báo cột trong “columns”`;
  if (parentKey === 'test' && (last === 'value' || last === 'op')) {
    const leaf = (at(data, path.slice(0, -2)) ?? {}) as { column?: string; test?: { op?: string } };
    const def = registryOf(data).get(String(leaf.column));
    if (last === 'value') {
      const levels = (def?.scale ?? []).map((v) => v.labels[0]).join('; ');
      return `cột “${String(leaf.column)}” không có mức ${valueVi(value)}; các mức: ${levels}`;
    }
    const op = String(leaf.test?.op);
    const opName = OP_CHOICES.some((o) => o.id === op) ? `“${labelOf(OP_CHOICES, op as never)}” (${op})` : `“${op}”`;
    return `phép thử ${opName} không dùng được cho cột “${String(leaf.column)}” (kiểu ${def ? typeVi(def.type) : 'khác'}); chọn phép thử hợp với kiểu cột`;
  }
  if (last === 'id' && (path[0] === 'subjectTypes' || path[0] === 'awardForms')) return `mã ${valueVi(value)} đã dùng (mã của danh mục chung hoặc của một dòng khác); đặt mã khác`;
  if (last === 'id') return `mã ${valueVi(value)} dùng hai lần; mỗi tiêu chí, nhóm một mã riêng`;
  if (path.length === 2 && path[0] === 'tiers') {
    const declared = Array.isArray((data as { awardForms?: unknown })?.awardForms) && ((data as { awardForms: { id?: unknown }[] }).awardForms).some((f) => f?.id === last);
    return declared
      ? `hình thức riêng “${String(last)}” chưa có quy định trong “tiers”; thêm một mục cho hình thức này`
      : `hình thức “${String(last)}” không phải hình thức chung và chưa khai báo trong “awardForms”`;
  }
  if (path.length === 2 && path[0] === 'subjects') return `loại đối tượng “${String(last)}” không phải loại chung và chưa khai báo trong “subjectTypes”`;
  if (last === 'judgedAs') return `đối tượng “${String(value)}” không có tiêu chí riêng trong kế hoạch này; chọn đối tượng có tiêu chí`;
  if (parentKey === 'subjects' && path.includes('appliesTo')) return `loại đối tượng “${String(value)}” không phải loại chung và chưa khai báo trong “subjectTypes”`;
  if (parentKey === 'rounds') {
    const round = ROUND_LABELS_VI[value as RoundId] ?? String(value);
    return `kế hoạch khen ở đợt “${round}” nhưng chưa ghi năm ${round.toLowerCase()}; ghi “Năm ${round.toLowerCase()}” và trích dẫn (sheet “Thông tin”, hoặc “roundYears”), hoặc bỏ đợt này`;
  }
  if (parentKey === 'subjects' && path[0] === 'tiers') {
    return `tiêu chí riêng của hình thức ghi cho đối tượng “${String(value)}”, nhưng đối tượng này không có tiêu chí riêng trong kế hoạch; ghi đối tượng có dòng gốc ở sheet “Tiêu chí”`;
  }
  if (last === 'replaces') {
    return `không có tiêu chí hoặc nhóm mã ${valueVi(value)} trong tiêu chí của đối tượng để thay; ghi đúng mã (cột “Mã” ở sheet “Tiêu chí”)`;
  }
  if (parentKey === 'tiers' && path[0] === 'deadlines') return `hình thức “${String(value)}” không có trong kế hoạch; dùng mã hình thức chung hoặc hình thức riêng đã khai báo`;
  return `${field} ${valueVi(value)} không hợp lệ; sửa theo hướng dẫn viết kế hoạch`;
}
