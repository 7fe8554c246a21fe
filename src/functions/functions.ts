/**
 * The NTM.* custom functions (spec §6). Each is a one-line adapter over adapter.ts; the JSDoc
 * below is what custom-functions-metadata-plugin turns into dist/functions.json, and the
 * Vietnamese names come from functions.vi-VN.json at build time.
 *
 * This bundle also loads on the task-pane page in a plain browser, so nothing here may assume
 * Office, Excel or the custom functions runtime.
 */
import { createFunctions, FunctionError } from './adapter';
import { officeHost, type ExcelLike, type OfficeLike } from './workbook';

const runtime = (): CustomFunctions.Runtime | undefined =>
  (globalThis as { CustomFunctions?: CustomFunctions.Runtime }).CustomFunctions;

/**
 * The metadata plugin appends unguarded `CustomFunctions.associate(id, fn)` calls to this file;
 * this module-level name receives them, so they register inside Excel and do nothing elsewhere.
 * (Exported only so the compiler sees it used: the calls are added at build time.)
 */
export const CustomFunctions = {
  associate(id: string, fn: (...args: never[]) => unknown): void {
    runtime()?.associate(id, fn);
  },
};

const fns = createFunctions(
  officeHost(
    () => (typeof Excel !== 'undefined' ? (Excel as unknown as ExcelLike) : undefined),
    () => (typeof Office !== 'undefined' ? (Office as unknown as OfficeLike) : undefined),
  ),
);

/** A FunctionError becomes the Excel error it names; anything unexpected becomes #VALUE! with its message. */
function excelError(e: unknown): unknown {
  const Err = runtime()?.Error;
  if (!Err) return e;
  if (e instanceof FunctionError) return new Err(e.code, e.message);
  return new Err('#VALUE!', `Lỗi không mong đợi: ${e instanceof Error ? e.message : String(e)}`.slice(0, 250));
}

function settle<T>(p: Promise<T>): Promise<T> {
  return p.catch((e: unknown) => {
    throw excelError(e);
  });
}

/**
 * The `plan` parameters are matrices (Microsoft's rule: only a matrix parameter receives a range's
 * values), so a plan id arrives as [["thach-ha-2022"]] and a plan sheet as its rows.
 *
 * Excel documents `@requiresParameterAddresses` for functions whose result is a matrix only, so the
 * one-cell functions return a 1×1 matrix: typed in one cell (or filled down) it shows as that one
 * value, without spilling, exactly as a scalar would.
 */
function cell<T>(p: Promise<T>): Promise<T[][]> {
  return settle(p).then((v) => [[v]]);
}

function now<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * Dòng có đủ điều kiện khen thưởng theo kế hoạch không: TRUE hoặc FALSE; #N/A khi thiếu thông tin hoặc ngoài phạm vi kế hoạch. — Is the nominee row eligible under the plan: TRUE or FALSE; #N/A when information is missing or the plan does not cover the award.
 * @customfunction ELIGIBLE
 * @param row Một dòng của danh sách đề nghị, ví dụ A7:T7. — One row of the nomination list.
 * @param headers Vùng tiêu đề của danh sách (không bắt buộc; mặc định tự tìm trên trang). — The list's header cells (optional; found on the sheet by default).
 * @param plan Mã kế hoạch, ví dụ "thach-ha-2022", tên trang kế hoạch trong sổ, hoặc vùng trang kế hoạch, ví dụ 'Kế hoạch'!A1:K90; nhiều kế hoạch ngăn bằng dấu ;, ví dụ "thach-ha-2022; Kế hoạch cấp trên" (không bắt buộc; mặc định các kế hoạch chọn trong ngăn NTM). — Plan id, plan sheet name or plan range; several plans separated by ";" (optional; defaults to the plans chosen in the NTM pane).
 * @param invocation Thông tin lời gọi. — Invocation.
 * @returns TRUE nếu đủ điều kiện. — TRUE when eligible.
 * @requiresParameterAddresses
 */
export function eligible(row: unknown[][], headers?: unknown[][], plan?: unknown[][], invocation?: CustomFunctions.Invocation): Promise<boolean[][]> {
  return cell(fns.eligible(row, headers, plan, invocation?.parameterAddresses));
}

/**
 * Hình thức khen thưởng cao nhất dòng đủ điều kiện theo kế hoạch; "" khi không có; #N/A khi thiếu thông tin. — The highest award the row qualifies for; "" when none; #N/A when information is missing.
 * @customfunction AWARDTIER
 * @param row Một dòng của danh sách đề nghị, ví dụ A7:T7. — One row of the nomination list.
 * @param headers Vùng tiêu đề của danh sách (không bắt buộc; mặc định tự tìm trên trang). — The list's header cells (optional; found on the sheet by default).
 * @param plan Mã kế hoạch, ví dụ "thach-ha-2022", tên trang kế hoạch trong sổ, hoặc vùng trang kế hoạch, ví dụ 'Kế hoạch'!A1:K90; nhiều kế hoạch ngăn bằng dấu ;, ví dụ "thach-ha-2022; Kế hoạch cấp trên" (không bắt buộc; mặc định các kế hoạch chọn trong ngăn NTM). — Plan id, plan sheet name or plan range; several plans separated by ";" (optional; defaults to the plans chosen in the NTM pane).
 * @param invocation Thông tin lời gọi. — Invocation.
 * @returns Tên hình thức khen thưởng. — The award's name.
 * @requiresParameterAddresses
 */
export function awardTier(row: unknown[][], headers?: unknown[][], plan?: unknown[][], invocation?: CustomFunctions.Invocation): Promise<string[][]> {
  return cell(fns.awardTier(row, headers, plan, invocation?.parameterAddresses));
}

/**
 * Các cột bắt buộc còn trống hoặc không đọc được, ngăn cách bằng "; "; "" khi đủ. — The required columns that are blank or unreadable, joined with "; "; "" when none.
 * @customfunction MISSING
 * @param row Một dòng của danh sách đề nghị, ví dụ A7:T7. — One row of the nomination list.
 * @param headers Vùng tiêu đề của danh sách (không bắt buộc; mặc định tự tìm trên trang). — The list's header cells (optional; found on the sheet by default).
 * @param plan Mã kế hoạch, ví dụ "thach-ha-2022", tên trang kế hoạch trong sổ, hoặc vùng trang kế hoạch, ví dụ 'Kế hoạch'!A1:K90; nhiều kế hoạch ngăn bằng dấu ;, ví dụ "thach-ha-2022; Kế hoạch cấp trên" (không bắt buộc; mặc định các kế hoạch chọn trong ngăn NTM). — Plan id, plan sheet name or plan range; several plans separated by ";" (optional; defaults to the plans chosen in the NTM pane).
 * @param invocation Thông tin lời gọi. — Invocation.
 * @returns Tiêu đề các cột còn thiếu. — Headers of the missing columns.
 * @requiresParameterAddresses
 */
export function missing(row: unknown[][], headers?: unknown[][], plan?: unknown[][], invocation?: CustomFunctions.Invocation): Promise<string[][]> {
  return cell(fns.missing(row, headers, plan, invocation?.parameterAddresses));
}

/**
 * Hạn nộp hồ sơ: "Đúng hạn", "Trễ N ngày (hạn trước dd/mm/yyyy)", "Thiếu ngày trình", hoặc "" khi kế hoạch không đặt hạn. — Submission deadline: on time, N days late, submission date missing, or "" when no deadline applies.
 * @customfunction DEADLINE
 * @param row Một dòng của danh sách đề nghị, ví dụ A7:T7. — One row of the nomination list.
 * @param headers Vùng tiêu đề của danh sách (không bắt buộc; mặc định tự tìm trên trang). — The list's header cells (optional; found on the sheet by default).
 * @param plan Mã kế hoạch, ví dụ "thach-ha-2022", tên trang kế hoạch trong sổ, hoặc vùng trang kế hoạch, ví dụ 'Kế hoạch'!A1:K90; nhiều kế hoạch ngăn bằng dấu ;, ví dụ "thach-ha-2022; Kế hoạch cấp trên" (không bắt buộc; mặc định các kế hoạch chọn trong ngăn NTM). — Plan id, plan sheet name or plan range; several plans separated by ";" (optional; defaults to the plans chosen in the NTM pane).
 * @param invocation Thông tin lời gọi. — Invocation.
 * @returns Tình trạng hạn nộp. — Deadline status.
 * @requiresParameterAddresses
 */
export function deadline(row: unknown[][], headers?: unknown[][], plan?: unknown[][], invocation?: CustomFunctions.Invocation): Promise<string[][]> {
  return cell(fns.deadline(row, headers, plan, invocation?.parameterAddresses));
}

/**
 * Lý do của kết quả: mỗi tiêu chí một dòng (✓ đạt, ✗ không đạt, ? thiếu, – không xét), kèm trích dẫn kế hoạch; bật Wrap Text để xem. — Why: one line per criterion (pass, fail, missing, not applicable) with the plan's citation, in one cell.
 * @customfunction REASONS
 * @param row Một dòng của danh sách đề nghị, ví dụ A7:T7. — One row of the nomination list.
 * @param headers Vùng tiêu đề của danh sách (không bắt buộc; mặc định tự tìm trên trang). — The list's header cells (optional; found on the sheet by default).
 * @param plan Mã kế hoạch, ví dụ "thach-ha-2022", tên trang kế hoạch trong sổ, hoặc vùng trang kế hoạch, ví dụ 'Kế hoạch'!A1:K90; nhiều kế hoạch ngăn bằng dấu ;, ví dụ "thach-ha-2022; Kế hoạch cấp trên" (không bắt buộc; mặc định các kế hoạch chọn trong ngăn NTM). — Plan id, plan sheet name or plan range; several plans separated by ";" (optional; defaults to the plans chosen in the NTM pane).
 * @param invocation Thông tin lời gọi. — Invocation.
 * @returns Các dòng lý do. — The reasons, one per line.
 * @requiresParameterAddresses
 */
export function reasons(row: unknown[][], headers?: unknown[][], plan?: unknown[][], invocation?: CustomFunctions.Invocation): Promise<string[][]> {
  return cell(fns.reasons(row, headers, plan, invocation?.parameterAddresses));
}

/**
 * Kiểm tra cả bảng trong một lần gọi: trả về một mảng tràn (spill) ngang hàng với bảng, gồm dòng tiêu đề kết quả và, cho mỗi dòng dữ liệu, kết quả, hình thức cao nhất, thông tin thiếu, hạn nộp, lý do (và kế hoạch xét, khi nhiều kế hoạch cùng xét). — Check a whole table in one call: a spilled array aligned with the table (result headers, then status, highest award, missing, deadline, reasons per data row).
 * @customfunction CHECK
 * @param table Cả bảng, có thể gồm phần tiêu đề văn bản phía trên, ví dụ A1:T200. — The whole table, title block included if you like.
 * @param plan Mã kế hoạch, tên trang kế hoạch trong sổ, hoặc vùng trang kế hoạch, ví dụ 'Kế hoạch'!A1:K90; nhiều kế hoạch ngăn bằng dấu ;, ví dụ "thach-ha-2022; Kế hoạch cấp trên" (không bắt buộc; mặc định các kế hoạch chọn trong ngăn NTM). — Plan id, plan sheet name or plan range; several plans separated by ";" (optional; defaults to the plans chosen in the NTM pane).
 * @param round Đợt khen thưởng: "Hằng năm", "Sơ kết" hoặc "Tổng kết" (không bắt buộc). — Round: annual, so-ket or tong-ket (optional).
 * @param year Năm khen thưởng, ví dụ 2023 (không bắt buộc). — Award year (optional).
 * @param invocation Thông tin lời gọi. — Invocation.
 * @returns Bảng kết quả. — The results table.
 * @requiresParameterAddresses
 */
export function check(table: unknown[][], plan?: unknown[][], round?: string, year?: number, invocation?: CustomFunctions.Invocation): Promise<string[][]> {
  return settle(fns.check(table, plan, round, year, invocation?.parameterAddresses));
}

/**
 * Danh sách các kế hoạch có sẵn: mã và tên. — The shipped plans: id and title.
 * @customfunction PLANS
 * @returns Mã và tên kế hoạch. — Plan ids and titles.
 */
export function plans(): string[][] {
  return now(() => fns.plans());
}
