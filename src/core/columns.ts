/**
 * The standard columns (spec §4): the shared vocabulary of every plan. A column is identified by
 * its template header (the Vietnamese text officials see), which is also what reports list in
 * `missing`. Plans refer to columns by that header; a plan may declare extra columns of its own.
 */

export type ColumnType =
  | 'text'
  | 'subject'
  | 'tier'
  | 'round'
  | 'year'
  | 'date'
  | 'level'
  | 'yesno'
  | 'ordinal'
  | 'money'
  | 'percent';

export interface OrdinalValue {
  /** Rank within the scale: higher is better. Values may share a rank. */
  rank: number;
  /** First label is the one templates offer in dropdowns. */
  labels: readonly string[];
  /**
   * Set when the value is recognised but is not a step of this scale (e.g. "Đô thị văn minh" on the
   * nông thôn mới scale outside hong-linh, spec §5b): it fails every "atLeast" test, and this
   * sentence is the reason users read.
   */
  offScale?: string;
}

export interface ColumnDef {
  header: string;
  variants: readonly string[];
  type: ColumnType;
  /** For ordinal columns: the ordered scale. */
  scale?: readonly OrdinalValue[];
  /** One line for the template's note and the pane's mapping preview. */
  hint?: string;
  /**
   * Headers this column had before it was renamed (also listed in `variants`). A sheet still using
   * one sees its own header in reports (`missing`), so an old list reads as it always did.
   */
  formerHeaders?: readonly string[];
}

/** Headers of the general columns, named once so that code never repeats the strings. */
export const COL = {
  name: 'Tên tập thể, cá nhân',
  subject: 'Đối tượng',
  unit: 'Chức vụ, đơn vị công tác',
  proposed: 'Hình thức đề nghị',
  round: 'Đợt khen thưởng',
  year: 'Năm',
  submitted: 'Ngày trình',
  level: 'Mức thành tích',
  summary: 'Tóm tắt thành tích',
  lawAbiding: 'Chấp hành tốt chủ trương, chính sách, pháp luật',
} as const;

/** Labels of the civilised-urban standard of wards ("Đô thị văn minh"). */
export const URBAN_LABELS: readonly string[] = ['Đô thị văn minh', 'Đạt chuẩn đô thị văn minh', 'Phường đạt chuẩn đô thị văn minh', 'ĐTVM'];

export const STANDARD_LEVEL_SCALE: readonly OrdinalValue[] = [
  { rank: 0, labels: ['Chưa đạt', 'Chưa đạt chuẩn', 'Không đạt', 'Chưa đạt chuẩn NTM'] },
  {
    rank: 1,
    labels: [
      'NTM',
      'Nông thôn mới',
      'Đạt chuẩn NTM',
      'Đạt chuẩn nông thôn mới',
      'Xã NTM',
      'Huyện NTM',
      'Hoàn thành nhiệm vụ xây dựng NTM',
      'Hoàn thành nhiệm vụ xây dựng nông thôn mới',
    ],
  },
  // Wards reach the civilised-urban standard instead of NTM; only hong-linh (001 §V.1.b) puts it on
  // its scale (its plan file declares its own scale). Elsewhere it is read, and fails (spec §5b).
  {
    rank: 0,
    labels: URBAN_LABELS,
    offScale: '“Đô thị văn minh” là chuẩn đô thị, không phải một mức của thang nông thôn mới trong kế hoạch này',
  },
  {
    rank: 2,
    labels: ['NTM nâng cao', 'Nông thôn mới nâng cao', 'Đạt chuẩn NTM nâng cao', 'Đạt chuẩn nông thôn mới nâng cao'],
  },
  {
    rank: 3,
    labels: ['NTM kiểu mẫu', 'Nông thôn mới kiểu mẫu', 'Đạt chuẩn NTM kiểu mẫu', 'Đạt chuẩn nông thôn mới kiểu mẫu'],
  },
];

export const RESIDENTIAL_SCALE: readonly OrdinalValue[] = [
  { rank: 0, labels: ['Chưa đạt', 'Chưa đạt chuẩn', 'Không đạt'] },
  {
    rank: 1,
    labels: ['Đạt chuẩn', 'Đạt', 'Khu dân cư đạt chuẩn', 'KDC đạt chuẩn', 'Đạt chuẩn NTM', 'Khu dân cư NTM', 'Đạt chuẩn khu dân cư NTM'],
  },
  {
    rank: 2,
    labels: ['Kiểu mẫu', 'Khu dân cư kiểu mẫu', 'KDC kiểu mẫu', 'Đạt chuẩn kiểu mẫu', 'Khu dân cư NTM kiểu mẫu'],
  },
];

const yesno = (header: string, variants: readonly string[] = []): ColumnDef => ({ header, variants, type: 'yesno' });

/** Every standard column, general columns first, in template order. */
export const STANDARD_COLUMNS: readonly ColumnDef[] = [
  {
    header: COL.name,
    variants: [
      'Họ và tên',
      'Họ tên',
      'Tên tập thể',
      'Tên đơn vị',
      'Tên tập thể/cá nhân',
      'Tên tập thể/cá nhân/hộ gia đình',
      'Tên đơn vị / tập thể',
      'Tên tập thể, cá nhân, hộ gia đình',
      'Tên tập thể, cá nhân được đề nghị khen thưởng',
      'Họ và tên/Tên tập thể',
    ],
    type: 'text',
  },
  {
    header: COL.subject,
    variants: ['Loại đối tượng', 'Đối tượng khen thưởng', 'Phân loại đối tượng'],
    type: 'subject',
  },
  {
    header: COL.unit,
    variants: ['Đơn vị công tác', 'Đơn vị', 'Địa chỉ', 'Chức vụ, đơn vị', 'Chức vụ/đơn vị công tác', 'Chức vụ, nơi công tác'],
    type: 'text',
  },
  {
    header: COL.proposed,
    variants: [
      'Hình thức khen thưởng',
      'Hình thức khen thưởng đề nghị',
      'Đề nghị khen thưởng',
      'Danh hiệu thi đua/Hình thức khen thưởng',
      'Hình thức đề nghị khen thưởng',
    ],
    type: 'tier',
  },
  { header: COL.round, variants: ['Đợt'], type: 'round' },
  { header: COL.year, variants: ['Năm khen thưởng', 'Năm đề nghị'], type: 'year' },
  {
    header: COL.submitted,
    variants: ['Ngày nộp', 'Ngày nộp hồ sơ', 'Ngày nhận hồ sơ', 'Ngày tờ trình', 'Ngày trình hồ sơ'],
    type: 'date',
  },
  { header: COL.level, variants: [], type: 'level' },
  { header: COL.summary, variants: ['Thành tích', 'Tóm tắt thành tích đạt được'], type: 'text' },
  yesno(COL.lawAbiding, ['Chấp hành tốt']),
  yesno('Tham mưu cơ chế, chính sách'),
  yesno('Hoàn thành nhiệm vụ đúng tiến độ'),
  yesno('Chỉ đạo, hỗ trợ địa phương đạt kết quả'),
  yesno('Tuyên truyền, vận động'),
  yesno('Kiểm tra, đánh giá tiêu chí tại cơ sở'),
  yesno('Thành tích tiêu biểu xuất sắc'),
  yesno('Xã phụ trách về đích trước kế hoạch'),
  yesno('Huy động nguồn lực giúp người nghèo'),
  { header: 'Mức đạt chuẩn', variants: [], type: 'ordinal', scale: STANDARD_LEVEL_SCALE },
  { header: 'Năm đạt chuẩn', variants: [], type: 'year' },
  { header: 'Năm kế hoạch', variants: [], type: 'year' },
  yesno('Tiêu biểu trong phong trào'),
  yesno('Xã khó khăn'),
  yesno('Có thành tích tiêu biểu'),
  yesno('Nâng cao chất lượng tiêu chí toàn diện'),
  yesno('Có cách làm hay, nhiều thôn đạt chuẩn KDC kiểu mẫu'),
  yesno('Đảm bảo 4 tại chỗ'),
  { header: 'Nợ đọng XDCB', variants: ['Nợ đọng xây dựng cơ bản'], type: 'yesno' },
  yesno('Thành tích xuất sắc trong phong trào'),
  { header: 'Chuẩn khu dân cư', variants: [], type: 'ordinal', scale: RESIDENTIAL_SCALE },
  yesno('Có nhiều tuyến phố đạt chuẩn văn minh'),
  yesno('Thuộc xã đặc biệt khó khăn, biên giới'),
  yesno('Đóng góp được cấp có thẩm quyền ghi nhận'),
  yesno('Liên kết chuỗi giá trị, OCOP, việc làm'),
  yesno('Phát triển ổn định, chăm lo người lao động'),
  yesno('Sáng kiến, cải tiến kỹ thuật'),
  yesno('Đóng góp thiết thực cho giảm nghèo'),
  yesno('Liên kết sản xuất với hộ nghèo'),
  yesno('Tín dụng hiệu quả cho hộ nghèo'),
  yesno('Triển khai hiệu quả chương trình giảm nghèo'),
  yesno('Có mô hình giảm nghèo hiệu quả'),
  yesno('Điều kiện sống người nghèo cải thiện rõ rệt'),
  { header: 'Tỷ lệ giảm hộ nghèo (%)', variants: ['Tỷ lệ giảm hộ nghèo', 'Tỉ lệ giảm hộ nghèo (%)', 'Tỉ lệ giảm hộ nghèo'], type: 'percent' },
  { header: 'Chỉ tiêu giảm hộ nghèo (%)', variants: ['Chỉ tiêu giảm hộ nghèo'], type: 'percent' },
  yesno('Chỉnh trang nhà cửa, vườn hộ tiêu biểu'),
  yesno('Đóng góp đất đai, tài sản, ngày công'),
  yesno('Gia đình 5 có'),
  yesno('Gia đình văn hóa'),
  yesno('Tự nguyện đăng ký thoát nghèo'),
  yesno('Sáng kiến, cách làm hay để thoát nghèo'),
  yesno('Vay vốn NHCSXH'),
  yesno('Trả nợ vay đúng hạn, đúng mục đích'),
  yesno('Hỗ trợ hộ nghèo phát triển sản xuất'),
  yesno('Sáng kiến, giải pháp hữu ích'),
  yesno('Hoàn thành xuất sắc nhiệm vụ'),
  yesno('Đóng góp tiền của, công sức, đất đai'),
  {
    // Per year (001 §V.1.g•2 "80 triệu đồng/năm", spec §5b); the old header stays a variant.
    header: 'Giá trị đóng góp (đồng/năm)',
    variants: ['Giá trị đóng góp (đồng)', 'Giá trị đóng góp', 'Giá trị đóng góp (VNĐ)', 'Giá trị đóng góp (đ)', 'Giá trị đóng góp (đồng/ năm)', 'Giá trị đóng góp bình quân (đồng/năm)'],
    type: 'money',
    hint: 'Số tiền đóng góp mỗi năm; ở đợt sơ kết, tổng kết ghi bình quân mỗi năm của giai đoạn',
    formerHeaders: ['Giá trị đóng góp (đồng)'],
  },
  yesno('Mô hình hay, cách làm mới, sáng chế'),
  yesno('Đóng góp công sức, trí tuệ, vật chất'),
  yesno('Sản xuất giỏi, giúp đỡ cộng đồng'),
];

/** Header → definition, for the standard set plus any columns a plan adds. */
export type ColumnRegistry = ReadonlyMap<string, ColumnDef>;

export function buildRegistry(extra: readonly ColumnDef[] = []): ColumnRegistry {
  const map = new Map<string, ColumnDef>();
  for (const def of [...STANDARD_COLUMNS, ...extra]) map.set(def.header, def);
  return map;
}

export const STANDARD_REGISTRY: ColumnRegistry = buildRegistry();
