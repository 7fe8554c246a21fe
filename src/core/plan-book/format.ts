/**
 * The plan workbook format ("sổ kế hoạch"): the blocks an official fills in Excel, their headers
 * and the words allowed in enumerated cells. Writer, reader and the guide sheet are all generated
 * from these tables, so the documented format and the accepted format cannot drift apart.
 */
import { fold } from '../text';
import { LEVEL_IDS, LEVEL_LABELS_VI, ROUND_IDS, ROUND_LABELS_VI, SUBJECT_IDS, SUBJECT_LABELS, SUBJECT_NAMES_VI, TIER_IDS, TIER_LABELS_VI } from '../vocabulary';
import { colLetter as a1Letter } from '../a1';

/** A cell as the core sees it: exceljs and Office.js values are reduced to these. */
export type BookValue = string | number | boolean | Date | null;

/** Where a value sits, for messages ("Tiêu chí!F12"). Row and column are 1-based. */
export interface BookLoc {
  sheet: string;
  row: number;
  col: number;
  /** The header of the cell's column (or the info field's name), for messages. */
  header?: string;
}

export interface BookError {
  sheet: string;
  /** "F12"; the header row or "A1" when the problem is a whole block. */
  cell: string;
  message: string;
}

export type ListName = 'subject' | 'criterionSubject' | 'kind' | 'op' | 'tierKind' | 'tier' | 'round' | 'rounds' | 'level' | 'columnType' | 'yesno';

export interface ColumnSpec {
  key: string;
  header: string;
  /** Other headers accepted for this column (compared after fold). */
  variants?: readonly string[];
  width: number;
  /** Dropdown source on the hidden list sheet. */
  list?: ListName;
  /** One line for the guide sheet. */
  help: string;
}

export type BlockKey = 'info' | 'subjectTypes' | 'awardForms' | 'subjects' | 'criteria' | 'tiers' | 'deadlines' | 'notices' | 'columns' | 'scales';

export interface BlockSpec {
  key: BlockKey;
  /** Sheet name in the several-sheet layout and "[title]" in the one-sheet layout. */
  title: string;
  variants?: readonly string[];
  /** The block may be left out entirely. */
  optional: boolean;
  help: string;
  columns: readonly ColumnSpec[];
}

export const GUIDE_SHEET = 'Hướng dẫn';
export const LISTS_SHEET = 'Danh mục';
/** The sheet the one-sheet layout is written to (add-in "insert a plan sheet"). */
export const SINGLE_SHEET = 'Kế hoạch';
/** Separator of several values in one cell ("Hằng năm; Sơ kết"): labels themselves contain commas. */
export const LIST_SEPARATOR = '; ';
/** The "subject" of the plan's general standard (tiêu chuẩn chung), which applies to every subject. */
export const GENERAL_SUBJECT = 'Tiêu chuẩn chung';

const CITE_REF: ColumnSpec = {
  key: 'ref',
  header: 'Mục trích dẫn',
  variants: ['Trích dẫn mục', 'Mục'],
  width: 16,
  help: 'mục, gạch đầu dòng của kế hoạch như văn bản ghi, ví dụ “V.1.b•1” (hiện là “mục V.1.b•1”) hoặc “Điều 27.3.a” (hiện đúng như vậy)',
};
const CITE_QUOTE: ColumnSpec = { key: 'quote', header: 'Nguyên văn', variants: ['Trích nguyên văn', 'Lời văn kế hoạch'], width: 60, help: 'chép đúng lời văn của kế hoạch (có thể lược bằng “…”)' };

export const INFO_FIELDS = [
  { key: 'id', label: 'Mã kế hoạch', help: 'chữ thường không dấu, số và “-”, ví dụ “xa-an-phu-2026”; dùng với --plan-file và trong báo cáo' },
  { key: 'title', label: 'Tên phong trào', help: 'tên phong trào thi đua như trong kế hoạch' },
  { key: 'issuer', label: 'Cơ quan ban hành', help: 'ví dụ “UBND xã An Phú (tỉnh X)”' },
  { key: 'document', label: 'Văn bản', help: 'số, ngày và tên văn bản kế hoạch' },
  { key: 'shortName', label: 'Tên ngắn', help: 'không bắt buộc: tên ngắn của văn bản dùng trong trích dẫn, ví dụ “KH An Phú 2026” (trích dẫn hiện “KH An Phú 2026, mục V.1.b•1”)' },
  { key: 'source', label: 'Tệp nguồn', help: 'tên tệp văn bản gốc (ví dụ “ke-hoach.txt”); trích dẫn ghi kèm tên này' },
  { key: 'periodFrom', label: 'Hiệu lực từ năm', help: 'không bắt buộc: năm đầu của giai đoạn, ví dụ 2026; dòng của năm ngoài giai đoạn bị đánh “không đủ điều kiện” kèm lý do' },
  { key: 'periodTo', label: 'Hiệu lực đến năm', help: 'năm cuối của giai đoạn, ví dụ 2030 (ghi cùng “Hiệu lực từ năm”)' },
  { key: 'periodRef', label: 'Mục trích dẫn giai đoạn', help: 'mục của kế hoạch ghi giai đoạn, ví dụ “§I” (bắt buộc khi có giai đoạn)' },
  { key: 'periodQuote', label: 'Nguyên văn giai đoạn', help: 'lời văn ghi giai đoạn, ví dụ “giai đoạn 2026 - 2030”' },
  { key: 'subjectsRef', label: 'Mục trích dẫn đối tượng khen', help: 'không bắt buộc: mục liệt kê các đối tượng khen; trích khi danh sách có loại đối tượng kế hoạch không khen' },
  { key: 'subjectsQuote', label: 'Nguyên văn đối tượng khen', help: 'lời văn của mục đó' },
  { key: 'formsRef', label: 'Mục trích dẫn hình thức khen', help: 'không bắt buộc: mục liệt kê các hình thức khen; trích khi danh sách đề nghị hình thức kế hoạch không có' },
  { key: 'formsQuote', label: 'Nguyên văn hình thức khen', help: 'lời văn của mục đó' },
  { key: 'soKet', label: 'Năm sơ kết', help: 'năm tổ chức sơ kết phong trào (số, ví dụ 2028); để trống nếu kế hoạch không khen ở đợt này' },
  { key: 'tongKet', label: 'Năm tổng kết', help: 'năm tổ chức tổng kết phong trào (số, ví dụ 2030); để trống nếu kế hoạch không khen ở đợt này' },
  { key: 'roundRef', label: 'Mục trích dẫn năm sơ kết, tổng kết', help: 'mục của kế hoạch nói năm sơ kết, tổng kết, ví dụ “VI.2” (khi có năm sơ kết, tổng kết)' },
  { key: 'roundQuote', label: 'Nguyên văn năm sơ kết, tổng kết', help: 'lời văn của mục đó' },
] as const;
export type InfoKey = (typeof INFO_FIELDS)[number]['key'];

export const BLOCKS: readonly BlockSpec[] = [
  {
    key: 'info',
    title: 'Thông tin',
    variants: ['Thông tin kế hoạch', 'Thông tin chung'],
    optional: false,
    help: 'Thông tin chung của kế hoạch: mỗi dòng một mục, cột A là tên mục, cột B là giá trị.',
    columns: [
      { key: 'field', header: 'Mục', variants: ['Thông tin'], width: 34, help: 'tên mục (giữ nguyên như mẫu)' },
      { key: 'value', header: 'Giá trị', width: 90, help: 'giá trị của mục' },
    ],
  },
  {
    key: 'subjectTypes',
    title: 'Loại đối tượng riêng',
    variants: ['Đối tượng riêng'],
    optional: true,
    help: 'Loại đối tượng kế hoạch khen mà danh mục chung chưa có (ví dụ “Đặc khu”). Sau khi khai báo, tên ở đây dùng được ở mọi cột “Đối tượng”.',
    columns: [
      { key: 'id', header: 'Mã', width: 16, help: 'chữ thường không dấu, số và “-”, ví dụ “dac-khu”' },
      { key: 'label', header: 'Tên', width: 30, help: 'tên hiện cho người dùng, ví dụ “Đặc khu”' },
      { key: 'variants', header: 'Tên khác', width: 36, help: 'cách ghi khác trong cột Đối tượng của danh sách, cách nhau bằng “;”' },
      { key: 'individual', header: 'Cá nhân', width: 10, list: 'yesno', help: '“Có” nếu mỗi dòng là một cá nhân hoặc một hộ gia đình (dòng cần cột “Chức vụ, đơn vị công tác”), để trống hoặc “Không” nếu là tập thể' },
    ],
  },
  {
    key: 'awardForms',
    title: 'Hình thức riêng',
    variants: ['Hình thức khen riêng'],
    optional: true,
    help: 'Hình thức khen kế hoạch có mà danh mục chung chưa có (ví dụ “Cờ thi đua”). Mỗi hình thức riêng cần thêm một dòng ở sheet “Hình thức khen”.',
    columns: [
      { key: 'id', header: 'Mã', width: 16, help: 'chữ thường không dấu, số và “-”, ví dụ “co-thi-dua”' },
      { key: 'label', header: 'Tên', width: 30, help: 'tên hình thức, ví dụ “Cờ thi đua”' },
      { key: 'variants', header: 'Tên khác', width: 36, help: 'cách ghi khác trong cột Hình thức đề nghị, cách nhau bằng “;”' },
      { key: 'rank', header: 'Thứ bậc', width: 10, help: 'số: vị trí so với hình thức chung (1 Giấy khen cấp xã, 2 Giấy khen, 3 Bằng khen tỉnh, 4 Bằng khen Thủ tướng, 5 Huân chương); số lẻ nằm giữa, ví dụ 3.5' },
    ],
  },
  {
    key: 'subjects',
    title: 'Đối tượng',
    variants: ['Đối tượng khen thưởng'],
    optional: false,
    help: 'Mỗi loại đối tượng kế hoạch khen (một dòng mỗi loại): mục của kế hoạch nói về đối tượng đó, hoặc đối tượng được xét như một loại khác.',
    columns: [
      { key: 'subject', header: 'Đối tượng', width: 28, list: 'subject', help: 'loại đối tượng (chọn trong danh sách)' },
      { key: 'letter', header: 'Điểm', variants: ['Mục con', 'Chữ cái'], width: 8, help: 'điểm (chữ cái) của mục trong kế hoạch, ví dụ “b”; để trống nếu xét như đối tượng khác' },
      { key: 'label', header: 'Tên trong kế hoạch', width: 40, help: 'đối tượng như kế hoạch gọi, ví dụ “Các xã”' },
      { key: 'judgedAs', header: 'Xét như đối tượng', width: 24, list: 'subject', help: 'chỉ ghi khi kế hoạch không có mục riêng cho đối tượng này: loại đối tượng có tiêu chí được áp dụng' },
      { key: 'reading', header: 'Cách hiểu', width: 40, help: 'vì sao xét như vậy (bắt buộc khi có “Xét như đối tượng”)' },
      CITE_REF,
      CITE_QUOTE,
    ],
  },
  {
    key: 'criteria',
    title: 'Tiêu chí',
    variants: ['Tiêu chuẩn'],
    optional: false,
    help:
      'Mỗi dòng là một tiêu chí hoặc một nhóm tiêu chí. Dòng gốc của mỗi đối tượng để trống “Thuộc nhóm” và ghi “Đối tượng”; ' +
      'các dòng con ghi mã nhóm cha ở “Thuộc nhóm”, theo thứ tự trong kế hoạch. Nhóm “Tất cả” đạt khi mọi dòng con đạt; nhóm “Một trong” đạt khi một dòng con đạt. ' +
      `Tiêu chuẩn chung (áp dụng cho mọi đối tượng, cùng với tiêu chuẩn riêng) ghi Đối tượng là “${GENERAL_SUBJECT}”.`,
    columns: [
      { key: 'id', header: 'Mã', variants: ['Mã tiêu chí'], width: 18, help: 'mã riêng của dòng: chữ thường không dấu, số, “.” và “-”, ví dụ “b.1”; không trùng trong kế hoạch' },
      { key: 'parent', header: 'Thuộc nhóm', variants: ['Nhóm cha', 'Mã nhóm'], width: 16, help: 'mã của nhóm chứa dòng này; để trống ở dòng gốc' },
      { key: 'subject', header: 'Đối tượng', width: 22, list: 'criterionSubject', help: `chỉ ghi ở dòng gốc: loại đối tượng, hoặc “${GENERAL_SUBJECT}”` },
      { key: 'kind', header: 'Loại', variants: ['Loại dòng'], width: 16, list: 'kind', help: '“Tiêu chí” (một điều kiện trên một cột), “Tất cả” hoặc “Một trong” (nhóm)' },
      { key: 'label', header: 'Nội dung', variants: ['Tiêu chí', 'Tên tiêu chí'], width: 50, help: 'nội dung tiêu chí như người đọc thấy trong lý do (thụt lề theo cấp chỉ để dễ đọc)' },
      { key: 'column', header: 'Cột', variants: ['Cột danh sách', 'Cột dữ liệu'], width: 30, help: 'tiêu chí: tiêu đề cột của danh sách đề nghị được kiểm tra' },
      { key: 'op', header: 'Phép thử', variants: ['Điều kiện'], width: 20, list: 'op', help: 'tiêu chí: cách kiểm tra giá trị của cột (xem bảng Phép thử)' },
      { key: 'value', header: 'Giá trị', variants: ['Ngưỡng', 'Mức'], width: 20, help: 'tên mức, số (ví dụ 40000000, “40.000.000”, “40 triệu”, “6,5%”), hoặc tiêu đề cột để so sánh, tùy phép thử' },
      CITE_REF,
      CITE_QUOTE,
      { key: 'reading', header: 'Cách hiểu', width: 40, help: 'cách đọc kế hoạch khi lời văn chưa rõ (không bắt buộc)' },
      { key: 'notice', header: 'Lưu ý', width: 30, help: 'tiêu chí: lời nhắc hiện kèm kết quả (không bắt buộc)' },
      { key: 'scopeSubjects', header: 'Chỉ cho loại đối tượng', width: 24, list: 'subject', help: 'không bắt buộc: dòng (và các dòng con) chỉ áp dụng cho các loại đối tượng này, cách nhau bằng “;”; đối tượng khác xem dòng này là không áp dụng' },
      { key: 'scopeLabels', header: 'Chỉ cho tên đối tượng', width: 30, help: 'không bắt buộc: chỉ áp dụng cho dòng danh sách có ô Đối tượng ghi một trong các tên này (ví dụ “Tổ dân phố”), cách nhau bằng “;”' },
      {
        key: 'tier',
        header: 'Hình thức',
        variants: ['Chỉ cho hình thức'],
        width: 30,
        list: 'tier',
        help: 'chỉ ghi ở dòng gốc của tiêu chí riêng một hình thức khen: tiêu chí của dòng này (và các dòng con) chỉ xét cho hình thức đó, thêm vào tiêu chí của đối tượng; Đối tượng để trống (hoặc “Tiêu chuẩn chung”) là mọi đối tượng',
      },
      {
        key: 'replaces',
        header: 'Thay tiêu chí',
        variants: ['Thay cho'],
        width: 16,
        help: 'không bắt buộc, cùng cột “Hình thức”: mã tiêu chí (hoặc nhóm) của đối tượng mà dòng này thay thế khi xét hình thức đó, ví dụ “f.2”',
      },
    ],
  },
  {
    key: 'tiers',
    title: 'Hình thức khen',
    variants: ['Hình thức khen thưởng', 'Hình thức'],
    optional: false,
    help: 'Mỗi hình thức khen một dòng: kế hoạch tự xét theo tiêu chí, giao cho văn bản khác, hoặc không áp dụng.',
    columns: [
      { key: 'tier', header: 'Hình thức', width: 34, list: 'tier', help: 'hình thức khen (chọn trong danh sách); mỗi hình thức đúng một dòng' },
      { key: 'kind', header: 'Cách xét', width: 22, list: 'tierKind', help: '“Xét theo tiêu chí”, “Theo văn bản khác” hoặc “Không áp dụng”' },
      { key: 'label', header: 'Tên trong kế hoạch', width: 36, help: 'tên hình thức như kế hoạch ghi (trừ khi không áp dụng)' },
      { key: 'document', header: 'Văn bản áp dụng', width: 40, help: 'chỉ khi “Theo văn bản khác”: văn bản quy định tiêu chuẩn' },
      { key: 'rounds', header: 'Đợt', width: 26, list: 'rounds', help: 'các đợt khen, cách nhau bằng “;”: Hằng năm; Sơ kết; Tổng kết' },
      {
        key: 'minLevel',
        header: 'Mức thành tích tối thiểu',
        width: 22,
        list: 'level',
        help: 'chỉ ghi khi kế hoạch nêu mức thành tích cho hình thức này; để trống là không xét mức (không có mức mặc định)',
      },
      { key: 'note', header: 'Ghi chú', width: 36, help: 'chỉ khi “Không áp dụng”: vì sao' },
      CITE_REF,
      CITE_QUOTE,
      { key: 'roundRef', header: 'Mục trích dẫn đợt', width: 16, help: 'không bắt buộc: mục nói hình thức này được khen ở đợt nào' },
      { key: 'roundQuote', header: 'Nguyên văn đợt', width: 40, help: 'lời văn của mục đó' },
      { key: 'levelRef', header: 'Mục trích dẫn mức', width: 16, help: 'khi ghi mức thành tích: mục của kế hoạch nêu mức đó (để trống là mục của hình thức)' },
      { key: 'levelQuote', header: 'Nguyên văn mức', width: 40, help: 'lời văn nêu mức thành tích' },
      { key: 'reading', header: 'Cách hiểu', width: 40, help: 'không bắt buộc: cách đọc quy định của hình thức này khi lời văn chưa rõ' },
      { key: 'notice', header: 'Lưu ý', width: 30, help: 'không bắt buộc: lời nhắc hiện kèm mọi dòng đề nghị hình thức này' },
      { key: 'catalogueName', header: 'Tên trong danh mục phần mềm', width: 36, help: 'không bắt buộc: tên hình thức đúng như danh mục của phần mềm quản lý thi đua khen thưởng, khi tên trong kế hoạch không khớp (dùng khi xuất sang mẫu nhập)' },
    ],
  },
  {
    key: 'deadlines',
    title: 'Thời hạn',
    variants: ['Thời hạn trình', 'Hạn trình'],
    optional: true,
    help: 'Hạn trình hồ sơ: mỗi dòng một hạn, cho các đợt và hình thức khen ghi ở dòng đó.',
    columns: [
      { key: 'rounds', header: 'Đợt', width: 26, list: 'rounds', help: 'các đợt, cách nhau bằng “;”' },
      { key: 'tiers', header: 'Hình thức', width: 40, list: 'tier', help: 'các hình thức khen, cách nhau bằng “;”' },
      { key: 'date', header: 'Hạn (ngày/tháng)', variants: ['Hạn', 'Ngày', 'Hạn trình'], width: 14, help: 'ngày/tháng hằng năm, ví dụ “05/12”' },
      { key: 'text', header: 'Nội dung', width: 50, help: 'hạn như kế hoạch ghi' },
      CITE_REF,
      CITE_QUOTE,
    ],
  },
  {
    key: 'notices',
    title: 'Lưu ý',
    variants: ['Lưu ý chung'],
    optional: true,
    help: 'Lời nhắc hiện kèm kết quả: của cả kế hoạch (để trống Đối tượng và Hình thức), của một đối tượng, hoặc của một hình thức khen (có thể chỉ ở một số đợt).',
    columns: [
      { key: 'subject', header: 'Đối tượng', width: 22, list: 'subject', help: 'không bắt buộc: lời nhắc chỉ cho đối tượng này' },
      { key: 'tier', header: 'Hình thức', width: 30, list: 'tier', help: 'không bắt buộc: lời nhắc chỉ cho hình thức này' },
      { key: 'rounds', header: 'Đợt', width: 20, list: 'rounds', help: 'chỉ khi ghi Hình thức: các đợt áp dụng, để trống là mọi đợt' },
      { key: 'text', header: 'Nội dung', width: 60, help: 'lời nhắc' },
      CITE_REF,
      CITE_QUOTE,
    ],
  },
  {
    key: 'columns',
    title: 'Cột riêng',
    variants: ['Cột bổ sung'],
    optional: true,
    help: 'Cột của danh sách đề nghị mà kế hoạch cần nhưng không có trong danh mục cột chuẩn.',
    columns: [
      { key: 'header', header: 'Tiêu đề cột', variants: ['Tiêu đề'], width: 36, help: 'tiêu đề cột như trong danh sách đề nghị' },
      { key: 'variants', header: 'Tên khác', width: 36, help: 'các tiêu đề khác cũng được nhận, cách nhau bằng “;”' },
      { key: 'type', header: 'Kiểu', variants: ['Kiểu dữ liệu'], width: 16, list: 'columnType', help: 'kiểu giá trị của cột (chọn trong danh sách)' },
      { key: 'hint', header: 'Gợi ý', width: 40, help: 'không bắt buộc: một dòng gợi ý cách ghi' },
    ],
  },
  {
    key: 'scales',
    title: 'Thang mức',
    variants: ['Thang'],
    optional: true,
    help:
      'Thang mức của kế hoạch: mỗi dòng một mức, bậc cao hơn là tốt hơn. Với cột chuẩn (ví dụ “Mức đạt chuẩn”), thang ở đây thay thang chung cho kế hoạch này; ' +
      'với cột riêng kiểu “Thang mức”, đây là thang của cột đó. Trích dẫn và cách hiểu của cả thang ghi ở dòng đầu của thang.',
    columns: [
      { key: 'column', header: 'Cột', width: 30, help: 'tiêu đề cột (cột chuẩn, hoặc cột ở sheet Cột riêng)' },
      { key: 'rank', header: 'Bậc', width: 8, help: 'số: bậc của mức (cao hơn là tốt hơn; hai tên cùng mức ghi cùng dòng)' },
      { key: 'labels', header: 'Tên mức', variants: ['Mức'], width: 50, help: 'tên của mức, nhiều cách gọi cách nhau bằng “;”' },
      { key: 'offScale', header: 'Ngoài thang', width: 40, help: 'không bắt buộc: tên được nhận nhưng không phải một mức của thang; mọi phép thử “Từ mức” đều không đạt, với lý do ghi ở đây' },
      { key: 'reading', header: 'Cách hiểu', width: 40, help: 'không bắt buộc (dòng đầu của thang): vì sao thang như vậy' },
      CITE_REF,
      CITE_QUOTE,
    ],
  },
];

export function blockSpec(key: BlockKey): BlockSpec {
  return BLOCKS.find((b) => b.key === key) as BlockSpec;
}

/** Words accepted in enumerated cells: the first is what the writer puts and the dropdown offers. */
export interface Choice<T> {
  id: T;
  labels: readonly string[];
}

export const KIND_CHOICES: readonly Choice<'leaf' | 'all' | 'any'>[] = [
  { id: 'leaf', labels: ['Tiêu chí', 'Điều kiện'] },
  { id: 'all', labels: ['Tất cả', 'Nhóm: tất cả', 'Và', 'all'] },
  { id: 'any', labels: ['Một trong', 'Nhóm: một trong', 'Hoặc', 'any'] },
];

export const OP_CHOICES: readonly (Choice<'yes' | 'no' | 'atLeast' | 'min' | 'more' | 'less' | 'max' | 'notAfter' | 'atLeastColumn'> & { help: string })[] = [
  { id: 'yes', labels: ['Có', 'Phải có', 'yes'], help: 'cột Có/Không phải là “Có”; Giá trị để trống' },
  { id: 'no', labels: ['Không', 'Phải không', 'no'], help: 'cột Có/Không phải là “Không” (ví dụ “không nợ đọng”); Giá trị để trống' },
  { id: 'atLeast', labels: ['Từ mức', 'Đạt mức', 'atLeast'], help: 'cột Thang mức hoặc Mức thành tích đạt từ mức ở Giá trị trở lên; Giá trị là tên một mức' },
  { id: 'min', labels: ['Từ … trở lên', 'Tối thiểu', 'Từ', 'Trở lên', 'min'], help: 'cột số tiền, tỷ lệ % hoặc năm từ số ở Giá trị trở lên (“từ 40 triệu đồng trở lên”: bằng 40.000.000 là đạt)' },
  { id: 'more', labels: ['Cao hơn', 'Trên', 'Lớn hơn', 'Nhiều hơn', 'more'], help: 'cột số lớn hơn hẳn số ở Giá trị (“trên 20 triệu”: bằng 20.000.000 là chưa đạt)' },
  { id: 'less', labels: ['Dưới', 'Thấp hơn', 'Nhỏ hơn', 'Ít hơn', 'less'], help: 'cột số nhỏ hơn hẳn số ở Giá trị (“dưới 5%”: bằng 5% là chưa đạt)' },
  { id: 'max', labels: ['Không quá', 'Tối đa', 'Không vượt quá', 'max'], help: 'cột số không lớn hơn số ở Giá trị (“không quá 3%”: bằng 3% là đạt)' },
  { id: 'notAfter', labels: ['Không muộn hơn cột', 'notAfter'], help: 'cột năm không muộn hơn năm ở cột có tiêu đề ghi ở Giá trị' },
  { id: 'atLeastColumn', labels: ['Không thấp hơn cột', 'atLeastColumn'], help: 'cột số không nhỏ hơn số ở cột có tiêu đề ghi ở Giá trị' },
];

export const TIER_KIND_CHOICES: readonly Choice<'evaluated' | 'hand-over' | 'none'>[] = [
  { id: 'evaluated', labels: ['Xét theo tiêu chí', 'evaluated'] },
  { id: 'hand-over', labels: ['Theo văn bản khác', 'hand-over'] },
  { id: 'none', labels: ['Không áp dụng', 'none'] },
];

export const COLUMN_TYPE_CHOICES: readonly Choice<string>[] = [
  { id: 'yesno', labels: ['Có/Không'] },
  { id: 'ordinal', labels: ['Thang mức'] },
  { id: 'money', labels: ['Số tiền'] },
  { id: 'percent', labels: ['Tỷ lệ %', 'Tỷ lệ'] },
  { id: 'year', labels: ['Năm'] },
  { id: 'date', labels: ['Ngày'] },
  { id: 'text', labels: ['Chữ', 'Văn bản'] },
  { id: 'level', labels: ['Mức thành tích'] },
  { id: 'subject', labels: ['Loại đối tượng'] },
  { id: 'tier', labels: ['Hình thức khen'] },
  { id: 'round', labels: ['Đợt khen'] },
];

export const SUBJECT_CHOICES: readonly Choice<string>[] = SUBJECT_IDS.map((id) => ({ id, labels: [SUBJECT_NAMES_VI[id], ...SUBJECT_LABELS[id]] }));
export const TIER_CHOICES: readonly Choice<string>[] = TIER_IDS.map((id) => ({ id, labels: [TIER_LABELS_VI[id]] }));
export const ROUND_CHOICES: readonly Choice<string>[] = ROUND_IDS.map((id) => ({ id, labels: [ROUND_LABELS_VI[id]] }));
export const LEVEL_CHOICES: readonly Choice<string>[] = LEVEL_IDS.map((id) => ({ id, labels: [LEVEL_LABELS_VI[id]] }));

/** A plan's own subject types and award forms, which its cells may name beside the shared ones. */
export interface OwnVocabulary {
  subjects: readonly Choice<string>[];
  tiers: readonly Choice<string>[];
}
export const NO_OWN: OwnVocabulary = { subjects: [], tiers: [] };

export function ownVocabulary(plan: { subjectTypes?: readonly { id: string; label: string; variants?: readonly string[] }[]; awardForms?: readonly { id: string; label: string; variants?: readonly string[] }[] }): OwnVocabulary {
  const choices = (xs: readonly { id: string; label: string; variants?: readonly string[] }[] | undefined) => (xs ?? []).map((x) => ({ id: x.id, labels: [x.label, ...(x.variants ?? [])] }));
  return { subjects: choices(plan.subjectTypes), tiers: choices(plan.awardForms) };
}

/** The dropdown lists written on the hidden sheet. */
export function listOptions(name: ListName, own: OwnVocabulary = NO_OWN): string[] {
  const first = (cs: readonly Choice<unknown>[]) => cs.map((c) => c.labels[0]);
  switch (name) {
    case 'subject':
      return first([...SUBJECT_CHOICES, ...own.subjects]);
    case 'criterionSubject':
      return [GENERAL_SUBJECT, ...first([...SUBJECT_CHOICES, ...own.subjects])];
    case 'kind':
      return first(KIND_CHOICES);
    case 'op':
      return first(OP_CHOICES);
    case 'tierKind':
      return first(TIER_KIND_CHOICES);
    case 'tier':
      return first([...TIER_CHOICES, ...own.tiers]);
    case 'round':
      return first(ROUND_CHOICES);
    case 'rounds': {
      // Multi-valued cells: the dropdown offers the usual combinations; anything else may be typed.
      const [a, s, t] = first(ROUND_CHOICES);
      return [`${a}${LIST_SEPARATOR}${s}${LIST_SEPARATOR}${t}`, a, `${s}${LIST_SEPARATOR}${t}`, s, t, `${a}${LIST_SEPARATOR}${t}`];
    }
    case 'level':
      return first(LEVEL_CHOICES);
    case 'columnType':
      return first(COLUMN_TYPE_CHOICES);
    case 'yesno':
      return ['Có', 'Không'];
  }
}

/** The id a cell names: a label of a choice or the id itself, compared after fold. */
export function choose<T>(choices: readonly Choice<T>[], text: string): T | undefined {
  const f = fold(text);
  const hit = choices.find((c) => fold(String(c.id)) === f || c.labels.some((l) => fold(l) === f));
  return hit?.id;
}

export function labelOf<T>(choices: readonly Choice<T>[], id: T): string {
  return choices.find((c) => c.id === id)?.labels[0] ?? String(id);
}

/** Several values in one cell: ";" or line breaks (commas belong to labels such as "Cơ quan, đơn vị"). */
export function splitList(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export { colLetter } from '../a1';

export function cellRef(loc: BookLoc): string {
  return `${a1Letter(loc.col)}${loc.row}`;
}
