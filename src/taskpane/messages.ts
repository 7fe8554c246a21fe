/**
 * The pane's one-line messages, in Vietnamese: core returns problems and counts as data, and this is
 * the edge where they become words (house style: wording for people only at the edge).
 */
import { COL } from '../core/columns';
import { STATUS_LABELS_VI, type Summary } from '../core/report';
import type { GridProblem } from './results-model';
import type { WorkbookProblem } from '../xlsx/check-workbook';
import { NoRoomForResults } from '../xlsx/patch-spec';
import { colLetter } from '../core/a1';

const LOOKED_FOR = `cần cột "${COL.name}" và "${COL.subject}" hoặc "${COL.proposed}"`;

export function gridProblemText(p: GridProblem): string {
  switch (p.problem) {
    case 'empty':
      return `Trang tính "${p.sheet}" đang trống: chọn trang có danh sách đề nghị khen thưởng.`;
    case 'no-header':
      return `Không tìm thấy dòng tiêu đề trong trang "${p.sheet}" (${LOOKED_FOR}); chọn cột thủ công ở mục "Cột".`;
    case 'bad-map':
      return `Cột chọn thủ công "${p.header}" → "${p.target}" không có trong trang "${p.sheet}"; sửa ở mục "Cột".`;
  }
}

export function workbookProblemText(file: string, p: WorkbookProblem): string {
  switch (p.problem) {
    case 'no-sheet':
      return `${file}: không có trang "${p.sheet}" (các trang: ${p.sheets.join(', ')}).`;
    case 'no-header':
      return `${file}: không tìm thấy dòng tiêu đề trong ${p.looked.length > 1 ? 'trang nào' : `trang "${p.looked[0] ?? ''}"`} (${LOOKED_FOR}).`;
    case 'bad-map':
      return `${file}: cột "${p.header}" → "${p.target}" không có trong trang.`;
  }
}

/** "12 dòng: 6 Đủ điều kiện, 3 Không đủ điều kiện, … ; 1 trễ hạn." */
export function countsText(s: Summary): string {
  const parts = [
    `${s.eligible} ${STATUS_LABELS_VI.eligible}`,
    `${s.ineligible} ${STATUS_LABELS_VI.ineligible}`,
    `${s.incomplete} ${STATUS_LABELS_VI.incomplete}`,
    `${s.notCovered} ${STATUS_LABELS_VI['not-covered']}`,
  ];
  return `${s.rows} dòng: ${parts.join(', ')}; ${s.late} trễ hạn.`;
}

/** Office and exceljs errors carry English text; say what happened and keep their detail short. */
export function failureText(action: string, e: unknown): string {
  if (e instanceof NoRoomForResults) {
    return `${action} không thành công: trang tính dùng đến cột ${colLetter(e.firstCol - 1)}, không còn chỗ bên phải cho 5 cột kết quả (Excel chỉ có đến cột XFD); xóa các ô thừa ở xa bên phải rồi thử lại.`;
  }
  // JavaScript's own words ("Cannot read properties of undefined …") are no answer for a person.
  if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) {
    return `${action} không thành công: bảng tính có cấu trúc không đọc được; mở bằng Excel và lưu lại dạng .xlsx rồi thử lại.`;
  }
  const detail = String((e as { message?: unknown })?.message ?? e)
    .split('\n')[0]
    .slice(0, 160);
  return `${action} không thành công: ${detail}`;
}

export const TEXT = {
  noFunctions:
    'Bản Excel này chưa hỗ trợ thời gian chạy dùng chung (SharedRuntime 1.1, có từ Excel 2021 và Microsoft 365) nên chỉ có ngăn kiểm tra, không có các hàm =NTM.….',
  choosePlan: 'Chọn kế hoạch trước khi kiểm tra.',
  noPlanSheet: 'Sổ này chưa có trang "Kế hoạch": chọn một kế hoạch có sẵn rồi bấm "Chèn trang kế hoạch", sửa trang đó, rồi chọn lại "Kế hoạch trong sổ này".',
  planSheetInserted: (sheet: string, id: string) =>
    `Đã thêm trang "${sheet}" từ kế hoạch ${id}: sửa các ô theo kế hoạch của đơn vị (xem sheet "Hướng dẫn" của sổ kế hoạch), rồi chọn "Kế hoạch trong sổ này". Hàm: =NTM.ELIGIBLE(A7:T7; ; '${sheet}'!A1:P400).`,
  planSheetOk: (sheet: string, title: string) => `Trang "${sheet}" đúng định dạng: ${title}.`,
  planFileOk: (file: string, title: string) => `Đã đọc tệp kế hoạch "${file}": ${title}.`,
  higherFileBesideSheet: (file: string, title: string, sheet: string) =>
    `Đã đọc tệp kế hoạch "${file}": ${title}. Sổ đã có trang "${sheet}" nên trang được giữ nguyên: ngăn NTM xét theo tệp trong phiên này, các hàm NTM vẫn xét theo trang; muốn các hàm dùng tệp, xóa hoặc đổi tên trang đó rồi chọn lại tệp.`,
  higherSheetInserted: (file: string, title: string, sheet: string) =>
    `Đã đọc tệp kế hoạch "${file}": ${title}; đã chèn thành trang "${sheet}" và chọn làm kế hoạch cấp trên, để các hàm NTM và người mở sổ này sau xét theo cùng kế hoạch.`,
  planProblems: (where: string, n: number, lines: readonly string[]) => [`${where} có ${n} lỗi (ô của lỗi đầu tiên đã được chọn):`, ...lines].join('\n'),
  chooseShippedForSheet: 'Chọn một kế hoạch có sẵn (hoặc tệp kế hoạch) làm điểm xuất phát cho trang kế hoạch.',
  choosePlanFile: 'Chọn tệp kế hoạch (.json hoặc sổ kế hoạch .xlsx) ở ô "Tệp kế hoạch".',
  chooseFile: 'Chọn tệp .xlsx trước khi kiểm tra.',
  checking: 'Đang kiểm tra…',
  reading: 'Đang đọc trang tính…',
  notXlsx: (name: string) => `${name}: không phải tệp .xlsx (tệp CSV hay tệp khác đổi tên?); mở bằng Excel và lưu lại dạng .xlsx.`,
  oldXls: (name: string) => `${name}: tệp .xls cũ hoặc có mật khẩu; mở bằng Excel và lưu lại dạng .xlsx.`,
  damaged: (name: string) => `${name}: tệp hỏng hoặc chưa tải xong; tải hoặc lưu lại tệp.`,
  downloaded: (name: string) => `Đã tạo bản đã kiểm tra: ${name}.`,
  summaryDone: (sheet: string) => `Đã thêm trang "${sheet}" với bảng tổng hợp và biểu đồ.`,
  templateDone: (sheet: string) => `Đã thêm trang mẫu "${sheet}" (có danh sách chọn cho các cột liệt kê).`,
  merged: (sheet: string, nominees: number, sheets: readonly string[], duplicates: number, skipped: readonly string[]) =>
    [
      `Đã gộp ${nominees} dòng đề nghị từ ${sheets.length} trang (${sheets.join(', ')}) vào trang "${sheet}"`,
      duplicates ? `; ${duplicates} dòng trùng lặp (xem cột "Trùng lặp")` : '; không có dòng trùng lặp',
      skipped.length ? `; bỏ qua trang không có danh sách: ${skipped.join(', ')}` : '',
      '. Bấm "Kiểm tra" trên trang này để kiểm tra danh sách gộp.',
    ].join(''),
  nothingToMerge: (skipped: readonly string[]) =>
    `Không có trang nào có danh sách đề nghị để gộp${skipped.length ? ` (đã xem: ${skipped.join(', ')})` : ''}; cần dòng tiêu đề có cột "${COL.name}".`,
  chooseMergeFiles: 'Chọn các tệp .xlsx cần gộp (chọn nhiều tệp cùng lúc) trước khi bấm "Gộp danh sách".',
  mergeChosen: (names: readonly string[]) => `${names.length} tệp để gộp: ${names.join(', ')}.`,
  merging: (n: number) => `Đang kiểm tra và gộp ${n} tệp…`,
  filesMerged: (name: string, nominees: number, files: number, duplicates: number, failures: readonly { error: string }[]) =>
    [
      `Đã gộp ${nominees} dòng đề nghị từ ${files} tệp vào "${name}" (trang "Danh sách tổng hợp", bảng tổng hợp ở trang "Tổng hợp")`,
      duplicates ? `; ${duplicates} dòng trùng lặp (xem cột "Trùng lặp")` : '; không có dòng trùng lặp',
      '.',
      ...failures.map((f) => `\nKhông gộp — ${f.error}`),
    ].join(''),
  nothingMerged: (failures: readonly { error: string }[]) => ['Không tệp nào đọc được danh sách, không có gì để gộp:', ...failures.map((f) => f.error)].join('\n'),
  cleared: 'Đã xóa kết quả: trang tính trở lại như trước khi kiểm tra.',
  nothingToClear: 'Chưa có kết quả nào của tiện ích trong sổ làm việc này.',
  moved: (sheet: string) =>
    `Cột kết quả trên trang "${sheet}" đã bị sửa hoặc di chuyển nên không xóa tự động (tránh xóa nhầm dữ liệu); hãy xóa bằng tay.`,
  selectRow: 'Chọn một dòng trong danh sách đã kiểm tra để xem lý do.',
  notChecked: 'Dòng này chưa được kiểm tra (hoặc không phải dòng đề nghị); bấm "Kiểm tra".',
  summarySheetActive: 'Đang ở trang tổng hợp: chọn trang có danh sách rồi bấm lại.',
  optionsNotSaved: (why: string) =>
    `Không lưu được tùy chọn vào sổ làm việc (${why}): các hàm NTM dùng tùy chọn mới trong phiên này, nhưng sổ sẽ không giữ khi mở lại. (Options not saved to the workbook.)`,
  recordNotSaved: (why: string) =>
    `Không lưu được bản ghi kết quả vào sổ làm việc (${why}): "Xóa kết quả" vẫn dùng được trong phiên này; nếu đóng sổ trước khi lưu được, hãy xóa cột kết quả bằng tay. (Results record not saved.)`,
  clearNotSaved: (why: string) =>
    `Đã xóa kết quả nhưng không lưu được việc này vào sổ làm việc (${why}); bấm "Xóa kết quả" lại trước khi đóng sổ. (Clear not saved.)`,
} as const;
