/**
 * Every line the command line shows a person, in one place: Vietnamese first (the officials who
 * use it read Vietnamese), then a short English gist after " — " for whoever maintains it.
 * Errors are one line each: what, where, and what to do.
 */
import { ATTENTION_TABLE, LATE_TABLE, STATUS_LABELS_VI, type Summary, type Table, type TableRows } from '../core/report';
import type { PartError } from '../xlsx/zip-read';

/** `ntm-awards: <where>: <what>; <what to do> — <English>`. */
function line(where: string | undefined, vi: string, en: string): string {
  return `ntm-awards${where === undefined ? '' : `: ${shownName(where)}`}: ${vi} — ${en}`;
}

/**
 * A file name as a message shows it: as given, or quoted with escapes when it holds a control
 * character (a newline in a name must not cut the one-line message) or begins or ends with a space.
 */
export function shownName(name: string): string {
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029"]|^\s|\s$/.test(name) ? JSON.stringify(name) : name;
}

/** The last guard of "one line": line breaks that reached a message are shown escaped, never cut at. */
export function oneLine(message: string): string {
  return message.replace(/\r\n|[\r\n\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** The advice for anything Excel can convert, kept word for word (tests and officials search for it). */
export const SAVE_AS_XLSX = 'mở bằng Excel và lưu lại dạng .xlsx';

export const MSG = {
  // --- arguments (exit 2) ---
  unknownCommand: (cmd: string) =>
    `ntm-awards: không có lệnh "${cmd}"; dùng check, export, plan, plans hoặc template (xem ntm-awards --help) — unknown command`,
  unexpectedArgument: (command: string, arg: string) => `ntm-awards ${command}: thừa tham số "${arg}" — unexpected argument`,
  unknownOption: (command: string, option: string) => `ntm-awards ${command}: không có tùy chọn ${option} (xem ntm-awards --help) — unknown option`,
  optionNeedsValue: (command: string, option: string) => `ntm-awards ${command}: tùy chọn ${option} cần một giá trị — option needs a value`,
  optionTakesNoValue: (command: string, option: string) => `ntm-awards ${command}: tùy chọn ${option} không nhận giá trị — option takes no value`,
  badArguments: (command: string, detail: string) => `ntm-awards ${command}: tham số không hợp lệ (${detail}) — bad arguments`,
  noInput: () => 'ntm-awards check: hãy ghi tên bảng tính hoặc thư mục cần kiểm tra — name the workbook or folder to check',
  manyInputs: (n: number) => `ntm-awards check: mỗi lần chỉ kiểm tra một bảng tính hoặc một thư mục (đã ghi ${n}) — one input at a time`,
  templateNeedsOut: () => 'ntm-awards template: hãy ghi tệp cần tạo bằng --out <tệp.xlsx> — name the file with --out',
  unknownSubject: (subject: string, ids: readonly string[]) =>
    `ntm-awards template: không có loại đối tượng --subject "${subject}"; dùng một trong ${ids.join(', ')} — unknown subject`,
  bothPlans: (command: string) => `ntm-awards ${command}: chỉ ghi một trong --plan hoặc --plan-file — give one of --plan, --plan-file`,
  noPlan: (command: string) =>
    `ntm-awards ${command}: hãy chọn kế hoạch bằng --plan <mã> (xem "ntm-awards plans") hoặc --plan-file <tệp.json> — choose a plan`,
  unknownRound: (s: string) => `ntm-awards check: không có đợt --round "${s}"; dùng annual, so-ket hoặc tong-ket — unknown round`,
  badYear: (s: string) => `ntm-awards check: --year "${s}" không phải một năm (YYYY) — not a year`,
  badDate: (flag: string, s: string) => `ntm-awards check: ${flag} "${s}" không phải một ngày (YYYY-MM-DD) — not a date`,
  badMap: (entry: string) =>
    `ntm-awards check: --map "${entry}" phải có dạng "Tiêu đề chuẩn=cột" (chữ cột như F, hoặc tiêu đề của chính trang tính) — expected "Header=column"`,

  // --- plans ---
  unknownPlan: (id: string, ids: readonly string[]) =>
    line(undefined, `không có kế hoạch "${id}"; các kế hoạch có sẵn: ${ids.join(', ')} (hoặc dùng --plan-file)`, 'unknown plan'),
  planFileUnreadable: (file: string, code: string) => line(file, `không đọc được tệp kế hoạch (${code}); kiểm tra lại đường dẫn`, 'cannot read the plan file'),
  planFileNotJson: (file: string, detail: string) => line(file, `tệp kế hoạch không phải JSON hợp lệ (${detail}); sửa lại tệp`, 'not valid JSON'),
  /** The first problem of a plan file (a workbook's as "Sheet!A1: …"); `plan check` lists them all. */
  planFileProblems: (file: string, problems: readonly string[]) =>
    line(
      file,
      `kế hoạch không hợp lệ tại ${problems[0]}${problems.length > 1 ? ` (và ${problems.length - 1} lỗi khác; xem: ntm-awards plan check ${file})` : ''}; sửa lại tệp kế hoạch`,
      'invalid plan',
    ),
  planBookUnreadable: (file: string, detail: string) =>
    line(file, `không phải sổ kế hoạch .xlsx đọc được (${detail}); mở bằng Excel và lưu lại dạng .xlsx`, 'unreadable plan workbook'),

  // --- inputs (exit 2) ---
  noSuchPath: (p: string) => line(p, 'không có tệp hoặc thư mục này; kiểm tra lại đường dẫn', 'no such file or folder'),
  emptyFolder: (p: string) => line(p, 'thư mục không có bảng tính .xlsx nào', 'no .xlsx in the folder'),
  isFolder: (p: string) => line(p, 'đây là thư mục, không phải bảng tính', 'a folder, not a workbook'),
  emptyFile: (p: string) => line(p, 'tệp rỗng (0 byte); hãy gửi lại bảng tính', 'the file is empty'),
  cannotOpen: (p: string, code: string) => line(p, `không mở được tệp (${code}); kiểm tra lại đường dẫn và quyền đọc`, 'cannot open the file'),
  oldOrEncrypted: (p: string) =>
    line(p, `đây là tệp .xls cũ hoặc bảng tính có mật khẩu; ${SAVE_AS_XLSX} (không đặt mật khẩu)`, 'old .xls or password-protected; save as .xlsx'),
  notXlsx: (p: string) => line(p, `không phải bảng tính .xlsx (tệp CSV hay tệp khác bị đổi tên?); ${SAVE_AS_XLSX}`, 'not an .xlsx workbook'),
  noWorksheet: (p: string) => line(p, `tệp không có trang tính nào (không phải bảng tính Excel?); ${SAVE_AS_XLSX}`, 'no worksheet'),
  damaged: (p: string, detail: string) =>
    line(p, `bảng tính bị hỏng hoặc không đầy đủ (${detail}); hãy tải về hoặc lưu lại bảng tính`, 'damaged or incomplete workbook'),
  stoppedEarly: (p: string) =>
    line(p, 'việc đọc dừng trước khi hết tệp (bảng tính bị hỏng hoặc không đầy đủ); hãy tải về hoặc lưu lại bảng tính', 'reading stopped early'),
  noSheet: (p: string, sheet: string, sheets: readonly string[]) =>
    line(p, `không có trang tính "${sheet}" (các trang: ${sheets.join(', ')}); sửa --sheet`, 'no such sheet'),
  noHeader: (p: string, looked: readonly string[]) =>
    line(
      p,
      `không thấy dòng tiêu đề trong ${looked.length > 1 ? 'trang tính nào' : `trang tính "${looked[0] ?? ''}"`} (cần "Tên tập thể, cá nhân" cùng "Đối tượng" hoặc "Hình thức đề nghị"); dùng --sheet hoặc --map`,
      'no header row',
    ),
  mapNoColumn: (p: string, header: string, target: string) =>
    line(p, `--map "${header}=${target}": trang tính không có cột này (ghi chữ cột như F, hoặc tiêu đề của cột)`, 'no such column'),
  mapNotAColumn: (given: string, target: string, plan: string, example: string) =>
    line(undefined, `--map "${given}=${target}": "${given}" không phải cột của kế hoạch ${plan}; ghi một tiêu đề chuẩn như "${example}"`, 'not a column of the plan'),

  /** A part refused though readable: too large, a DOCTYPE, a name or a cell outside a workbook's bounds. */
  badPart: (p: string, part: string, detail: string) =>
    line(p, `phần ${shownName(part)} của bảng tính: ${detail}; ${SAVE_AS_XLSX} hoặc gửi lại bảng tính`, 'part refused (too large or not allowed)'),
  /** A damaged part (CRC, sizes, compressed data): the words of `damaged`, with the part named. */
  damagedPart: (p: string, part: string, detail: string) =>
    line(p, `bảng tính bị hỏng hoặc không đầy đủ (phần ${shownName(part)}: ${detail}); hãy tải về hoặc lưu lại bảng tính`, 'damaged or incomplete workbook'),
  fileTooLarge: (p: string, limitMb: number) =>
    line(p, `tệp quá lớn (hơn ${limitMb} MB); tách danh sách thành nhiều tệp`, 'the file is too large'),
  noRoomForResults: (p: string, lastCol: string) =>
    line(
      p,
      `trang tính dùng đến cột ${lastCol}, không còn chỗ bên phải cho 5 cột kết quả (Excel chỉ có đến cột XFD); xóa các ô thừa ở xa bên phải rồi kiểm tra lại, hoặc bỏ --out; không ghi tệp nào`,
      'no room for the result columns right of the list',
    ),
  unreadable: (p: string) => line(p, `bảng tính có cấu trúc không đọc được; ${SAVE_AS_XLSX} rồi kiểm tra lại`, 'unreadable workbook structure'),

  // --- outputs (exit 2; nothing is written) ---
  exists: (what: string) => line(what, 'tệp đã có; thêm --force để ghi đè', 'the file exists; add --force'),
  overwritesInput: (what: string) => line(what, 'sẽ ghi đè lên tệp đầu vào; hãy đặt tên khác', 'would overwrite the input'),
  jsonIsOut: (what: string) => line(what, 'trùng với tệp --out; hãy đặt tên khác', 'same as the --out file'),
  outMustBeFolder: (what: string) => line(what, 'kiểm tra một thư mục thì ghi ra một thư mục các bản sao; hãy ghi tên thư mục', 'name a folder'),
  outMustBeXlsx: (what: string) => line(what, 'bản đã kiểm tra phải là tệp .xlsx', 'must be an .xlsx file'),
  notWritable: (what: string, problem: string) =>
    line(what, `không ghi được vào đó (${problem}); chọn chỗ khác hoặc kiểm tra quyền ghi của thư mục`, 'cannot write there'),
  isAFile: (at: string) => `${at} là tệp, không phải thư mục`,
  isAFolder: (at: string) => `${shownName(at)} là thư mục, không phải tệp`,
  cannotWrite: (what: string, code: string) => line(what, `không ghi được (${code}); chọn chỗ khác hoặc kiểm tra quyền ghi của thư mục`, 'cannot write'),
  cannotWriteTemp: (dir: string, code: string) =>
    line(dir, `không ghi được tệp tạm (${code}); kiểm tra thư mục tạm (biến TMPDIR) còn chỗ trống và ghi được`, 'cannot write temporary files'),
  cannotWriteCopy: (out: string, code: string) =>
    line(out, `không ghi được bản đã kiểm tra (${code}); chọn --out khác hoặc kiểm tra quyền ghi của thư mục`, 'cannot write the checked copy'),
  cannotMakeCopy: (file: string, detail: string) =>
    line(file, `không tạo được bản đã kiểm tra (${detail}); ${SAVE_AS_XLSX} rồi kiểm tra lại`, 'cannot make the checked copy'),
  cannotWriteReport: (target: string, code: string) =>
    line(target, `không ghi được báo cáo (${code}); chọn --json khác hoặc kiểm tra quyền ghi của thư mục`, 'cannot write the report'),

  // --- the run ---
  interrupted: (signal: string) => `ntm-awards: đã dừng (${signal}); đã xóa tệp tạm, không để lại tệp ghi dở — interrupted, temporary files removed`,
  internal: (detail: string) => `ntm-awards: lỗi nội bộ của chương trình (${detail}); hãy báo lỗi kèm tệp đã dùng — internal error`,
  templateWritten: (out: string) => `Đã tạo mẫu ${out}`,
  demoFailed: (detail: string) => `ntm-awards demo: không tạo được ví dụ (${detail}) — demo failed`,
};

/** A part of the workbook that was refused or found damaged, in words. */
export function partMessage(file: string, e: PartError): string {
  return e.refused ? MSG.badPart(file, e.part, e.detail) : MSG.damagedPart(file, e.part, e.detail);
}

/** The counts line of one checked list (stdout). */
export function countsLine(file: string, sheet: string, s: Summary): string {
  return `${file} [${sheet}]: ${s.rows} dòng — ${s.eligible} đủ điều kiện, ${s.ineligible} không đủ, ${s.incomplete} thiếu thông tin, ${s.notCovered} ngoài phạm vi, ${s.late} trễ hạn`;
}

/**
 * The rows that need a look, one line each under the counts line, like a linter:
 *   `  ds.xlsx:12  Nguyễn Văn A   Thiếu thông tin  — thiếu: Ngày trình; trễ 5 ngày`
 * They are the summary sheet's "Cần xem lại" rows (so the terminal and the checked copy list the
 * same rows), with the days late from its late list. Not-covered rows are listed too, although
 * they do not change the exit code (spec §6): the plan hands them to another document, and
 * someone has to forward them or they are silently dropped.
 */
export function attentionLines(file: string, tables: readonly Table<TableRows>[]): string[] {
  const attention = tables.find((t) => t.title === ATTENTION_TABLE)?.rows ?? [];
  if (!attention.length) return [];
  const daysLate = new Map<number, number>();
  for (const [row, , days] of tables.find((t) => t.title === LATE_TABLE)?.rows ?? []) daysLate.set(Number(row), Number(days));
  const items = Array.from(attention, ([row, name, status, missing, reasons, plan]) => {
    const notes: string[] = [];
    // Several plans judged the list: say which one judged this row (issue 18).
    if (plan) notes.push(`theo ${clean(String(plan))}`);
    const why = decisiveReason(String(status), String(reasons ?? ''));
    if (why) notes.push(`vì: ${why}`);
    if (missing) notes.push(`thiếu: ${clean(String(missing))}`);
    const late = daysLate.get(Number(row));
    if (late !== undefined) notes.push(`trễ ${late} ngày`);
    const at = `${file}:${row}`;
    const shown = fit(clean(String(name)) || '(không ghi tên)', NAME_WIDTH);
    return { at, name: shown, status: String(status), notes: notes.join(' — '), widths: [width(at), width(shown), width(String(status))] };
  });
  // Each text is measured once; the widest of each column is found in a loop (a list of Excel's
  // full height has more rows than a spread call takes arguments).
  const widest = [0, 0, 0];
  for (const i of items) for (let k = 0; k < 3; k++) if (i.widths[k] > widest[k]) widest[k] = i.widths[k];
  const padded = (s: string, w: number, to: number) => s + ' '.repeat(Math.max(0, to - w));
  return items.map(
    (i) => `  ${padded(i.at, i.widths[0], widest[0])}  ${padded(i.name, i.widths[1], widest[1])}  ${i.notes ? `${padded(i.status, i.widths[2], widest[2])}  — ${i.notes}` : i.status}`,
  );
}

const NAME_WIDTH = 32;
const REASON_WIDTH = 90;

/**
 * Why a row fails, in a few words: the first failed criterion ("✗ …") of an ineligible row, or the
 * hand-over to another document ("– …") of a not-covered one, without its citation (the checked
 * copy and the JSON report carry the full explanation). Incomplete and late rows say it already.
 */
function decisiveReason(status: string, reasons: string): string {
  const marker = status === STATUS_LABELS_VI.ineligible ? '✗' : status === STATUS_LABELS_VI['not-covered'] ? '–' : undefined;
  if (!marker) return '';
  // The first line that starts with the marker, found without splitting a long text into lines.
  const start = reasons.startsWith(marker) ? 0 : reasons.indexOf(`\n${marker}`) + 1;
  if (start === 0 && !reasons.startsWith(marker)) return '';
  const end = reasons.indexOf('\n', start);
  const first = end < 0 ? reasons.slice(start) : reasons.slice(start, end);
  // Rows failing the same criterion the same way share this line: it is worded once.
  if (first.length > SHORT_REASON_LINE) return shortDecisiveReason(first, marker);
  const known = SHORT_REASONS.get(first);
  if (known !== undefined) return known;
  if (SHORT_REASONS.size >= SHORT_REASONS_KEPT) SHORT_REASONS.clear();
  const short = shortDecisiveReason(first, marker);
  SHORT_REASONS.set(detached(first), detached(short));
  return short;
}

/**
 * Lines already shortened (the marker is the line's first character, so it is in the key): at most
 * 4,096 lines of 300 characters, kept as copies of their own, since a slice of a row's explanation
 * would keep the whole explanation alive (a cell's text may make it long).
 */
const SHORT_REASONS = new Map<string, string>();
const SHORT_REASONS_KEPT = 4096;
const SHORT_REASON_LINE = 300;

function detached(s: string): string {
  return Buffer.from(s, 'utf16le').toString('utf16le');
}

function shortDecisiveReason(first: string, marker: string): string {
  // The citation goes, and so does an appended note ("…: không. Cách hiểu: …"), so the verdict stays in view.
  const text = first.slice(marker.length).replace(/\s*\[[^\]]*\]\s*$/, '').replace(/\. [^.:]{1,20}: .*$/, '');
  // When it must be cut, cut the criterion and keep its verdict ("…: không").
  const cleaned = clean(text);
  const [, criterion, verdict] = /^(.*): ([^:]{1,30})$/s.exec(cleaned) ?? [null, cleaned, ''];
  return verdict ? `${fit(criterion, REASON_WIDTH - width(verdict) - 2)}: ${verdict}` : fit(criterion, REASON_WIDTH);
}

/** A cell's text on one terminal line: no control characters (a cell may hold escapes or newlines). */
export function clean(s: string): string {
  return plainLine(s) ? s : s.normalize('NFC').replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Whether `clean` would leave the text as it is, found in one pass over the characters: printable
 * Latin (Basic Latin, Latin-1, Extended-A/B, IPA, spacing modifiers, below U+0300) or Latin
 * Extended Additional (U+1E00–U+1EFF, Vietnamese's precomposed letters), single spaces inside. No
 * such character is a control, a space other than U+0020, a mark, or changed by NFC; and most
 * names and reasons of a list are only these, so the regexes and NFC run on the rest alone.
 */
function plainLine(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) === 0x20 || s.charCodeAt(n - 1) === 0x20) return false;
  let space = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (space) return false;
      space = true;
      continue;
    }
    space = false;
    if (c > 0x20 && c < 0x7f) continue;
    if (c > 0xa0 && c < 0x300) continue;
    if (c >= 0x1e00 && c <= 0x1eff) continue;
    return false;
  }
  return true;
}

/** Columns on screen: combining marks take none (a name typed in decomposed form still aligns). */
export function width(s: string): number {
  // Code points (a low surrogate ends a pair already counted), less the marks. The marks regex runs
  // only when a character could be one: none is below U+0300 or in U+1E00–U+1EFF (every row of a
  // 100,000-row list is measured, and nearly all are Vietnamese or Latin only).
  let n = 0;
  let maybeMarks = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x300) n++;
    else {
      if (c < 0xdc00 || c > 0xdfff) n++;
      if (c < 0x1e00 || c > 0x1eff) maybeMarks = true;
    }
  }
  if (!maybeMarks) return n;
  const marks = s.match(MARKS);
  return marks ? n - marks.length : n;
}

const MARKS = /\p{M}/gu;


function fit(s: string, max: number): string {
  if (width(s) <= max) return s;
  // Width adds up character by character: counted as the text grows, not re-measured each time.
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = width(ch);
    if (used + w > max - 1) break;
    out += ch;
    used += w;
  }
  return out.trimEnd() + '…';
}
