/**
 * `npm run demo`: builds a realistic example list in code — a commune's nominations under the
 * Thạch Hà plan for 2023, with the title block, sections, total row and signature block offices
 * send — then runs the same check as `ntm-awards check … --out … --json …` and prints a short
 * Vietnamese summary. Writes to demo-output/ (or the folder given), replacing earlier files.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FileReport } from '../core/report';
import type { CheckCommand } from './args';
import { runCheck } from './check';
import { CliError } from './errors';
import { MSG } from './messages';
import { writeAtomic } from './fsutil';

const PLAN = 'thach-ha-2022';
const YEAR = 2023;

const LAW = 'Chấp hành tốt chủ trương, chính sách, pháp luật';
const KDC = 'Chuẩn khu dân cư';
const VILLAGE_FEAT = 'Thành tích xuất sắc trong phong trào';
const FIRM_CREDIT = 'Đóng góp được cấp có thẩm quyền ghi nhận';
const FIRM_CHAIN = 'Liên kết chuỗi giá trị, OCOP, việc làm';
const COOP_CARE = 'Phát triển ổn định, chăm lo người lao động';
const HOME = 'Chỉnh trang nhà cửa, vườn hộ tiêu biểu';
const LAND = 'Đóng góp đất đai, tài sản, ngày công';
const INITIATIVE = 'Sáng kiến, giải pháp hữu ích';
const GIFT = 'Đóng góp tiền của, công sức, đất đai';
const MODEL = 'Mô hình hay, cách làm mới, sáng chế';

/** The sheet's columns after STT, in the order a commune office lays them out. */
const COLUMNS = [
  'Tên tập thể, cá nhân',
  'Đối tượng',
  'Chức vụ, đơn vị công tác',
  'Hình thức đề nghị',
  'Ngày trình',
  'Mức thành tích',
  LAW,
  KDC,
  VILLAGE_FEAT,
  FIRM_CREDIT,
  FIRM_CHAIN,
  COOP_CARE,
  HOME,
  LAND,
  INITIATIVE,
  GIFT,
  MODEL,
  'Tóm tắt thành tích',
] as const;

type Header = (typeof COLUMNS)[number];
type DemoRow = Partial<Record<Header, string | Date>>;

const day = (d: number, m = 12) => new Date(Date.UTC(YEAR, m - 1, d));

/** Collectives (I) and individuals and households (II): a mix of every outcome the check gives. */
const COLLECTIVES: DemoRow[] = [
  // Eligible: the village reached the model residential-area standard.
  { 'Tên tập thể, cá nhân': 'Thôn Đông Hà', 'Đối tượng': 'Thôn', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(28, 11), [LAW]: 'Có', [KDC]: 'Kiểu mẫu', 'Tóm tắt thành tích': 'Đạt chuẩn khu dân cư NTM kiểu mẫu năm 2023' },
  { 'Tên tập thể, cá nhân': 'Thôn Trung Tiến', 'Đối tượng': 'Thôn', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(1), [LAW]: 'Có', [KDC]: 'Đạt chuẩn' },
  // Eligible but sent on 7 December: late (the plan wants it before 05/12).
  { 'Tên tập thể, cá nhân': 'Thôn Bắc Sơn', 'Đối tượng': 'Thôn', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(7), [LAW]: 'Có', [VILLAGE_FEAT]: 'x' },
  // Ineligible: neither alternative of §V.1.c holds.
  { 'Tên tập thể, cá nhân': 'Thôn Nam Giang', 'Đối tượng': 'Thôn', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(2), [LAW]: 'Có', [KDC]: 'Chưa đạt', [VILLAGE_FEAT]: 'Không' },
  // Incomplete: nothing recorded on the village criteria.
  { 'Tên tập thể, cá nhân': 'Thôn Tân Phú', 'Đối tượng': 'Thôn', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(4), [LAW]: 'Có' },
  { 'Tên tập thể, cá nhân': 'HTX Dịch vụ nông nghiệp Thạch Đài', 'Đối tượng': 'Hợp tác xã', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(30, 11), [LAW]: 'Có', [COOP_CARE]: 'Có' },
  // Ineligible: the general criterion (chấp hành tốt) fails.
  { 'Tên tập thể, cá nhân': 'Công ty TNHH Nông sản Hà Tĩnh Xanh', 'Đối tượng': 'Doanh nghiệp', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(1), [LAW]: 'Không', [FIRM_CREDIT]: 'Có', [FIRM_CHAIN]: 'Có' },
];

const INDIVIDUALS: DemoRow[] = [
  { 'Tên tập thể, cá nhân': 'Hộ ông Nguyễn Văn Hùng', 'Đối tượng': 'Hộ gia đình', 'Chức vụ, đơn vị công tác': 'Thôn Đông Hà', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(30, 11), [LAW]: 'Có', [HOME]: 'Có' },
  // Eligible, late by 6 days.
  { 'Tên tập thể, cá nhân': 'Hộ bà Trần Thị Hoa', 'Đối tượng': 'Hộ gia đình', 'Chức vụ, đơn vị công tác': 'Thôn Trung Tiến', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(10), [LAW]: 'Có', [LAND]: 'Có', 'Tóm tắt thành tích': 'Hiến 320 m² đất mở rộng đường liên thôn' },
  // Incomplete: neither household criterion filled in.
  { 'Tên tập thể, cá nhân': 'Hộ ông Lê Văn Thắng', 'Đối tượng': 'Hộ gia đình', 'Chức vụ, đơn vị công tác': 'Thôn Bắc Sơn', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(1), [LAW]: 'Có' },
  { 'Tên tập thể, cá nhân': 'Ông Phan Văn Tâm', 'Đối tượng': 'Cán bộ, công chức, viên chức', 'Chức vụ, đơn vị công tác': 'Công chức Địa chính - Xây dựng xã', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(1), [LAW]: 'Có', [INITIATIVE]: 'Có' },
  // Not covered: the provincial Bằng khen is handed over to QĐ 3351/QĐ-UBND; Giấy khen is within reach.
  { 'Tên tập thể, cá nhân': 'Bà Nguyễn Thị Lan', 'Đối tượng': 'Cán bộ, công chức, viên chức', 'Chức vụ, đơn vị công tác': 'Chủ tịch Hội Liên hiệp Phụ nữ xã', 'Hình thức đề nghị': 'Bằng khen của Chủ tịch UBND tỉnh', 'Mức thành tích': 'Tiêu biểu xuất sắc', 'Ngày trình': day(1), [LAW]: 'Có', [INITIATIVE]: 'Có' },
  { 'Tên tập thể, cá nhân': 'Ông Võ Văn Bình', 'Đối tượng': 'Nông dân', 'Chức vụ, đơn vị công tác': 'Thôn Nam Giang', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(3), [LAW]: 'Có', [GIFT]: 'Không', [MODEL]: 'Không' },
  // Eligible, but the submission date is missing: the deadline cannot be judged.
  { 'Tên tập thể, cá nhân': 'Ông Hoàng Văn Dũng', 'Đối tượng': 'Nông dân', 'Chức vụ, đơn vị công tác': 'Thôn Đông Hà', 'Hình thức đề nghị': 'Giấy khen', [LAW]: 'Có', [MODEL]: 'Có', 'Tóm tắt thành tích': 'Mô hình nuôi ong lấy mật cho 12 hộ cùng làm' },
  { 'Tên tập thể, cá nhân': 'Bà Đặng Thị Mai', 'Đối tượng': 'Người lao động', 'Chức vụ, đơn vị công tác': 'Thôn Trung Tiến', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': day(1), [LAW]: 'Có', [GIFT]: 'Có' },
];

const BOLD_CENTER: Partial<ExcelJS.Style> = { font: { bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } };

function merged(ws: ExcelJS.Worksheet, row: number, left: number, right: number, value: string, style: Partial<ExcelJS.Style> = BOLD_CENTER): void {
  if (right > left) ws.mergeCells(row, left, row, right);
  const cell = ws.getCell(row, left);
  cell.value = value;
  if (style.font) cell.font = style.font;
  if (style.alignment) cell.alignment = style.alignment;
}

/** The example list, as a commune office would send it to the district. */
export function buildDemoWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'UBND xã Thạch Đài';
  const ws = wb.addWorksheet('Danh sách', { pageSetup: { orientation: 'landscape', fitToPage: true } });
  const width = COLUMNS.length + 1;
  merged(ws, 1, 1, 4, 'ỦY BAN NHÂN DÂN HUYỆN THẠCH HÀ');
  merged(ws, 1, 5, width, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  merged(ws, 2, 1, 4, 'ỦY BAN NHÂN DÂN XÃ THẠCH ĐÀI');
  merged(ws, 2, 5, width, 'Độc lập - Tự do - Hạnh phúc');
  merged(ws, 4, 1, width, `DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM ${YEAR}`, { font: { bold: true, size: 14 }, alignment: { horizontal: 'center' } });
  merged(ws, 5, 1, width, 'Phong trào thi đua “Toàn huyện chung sức xây dựng huyện đạt chuẩn NTM nâng cao” giai đoạn 2021 - 2025', {
    font: { italic: true },
    alignment: { horizontal: 'center' },
  });
  merged(ws, 6, 1, width, `(Kèm theo Tờ trình số 45/TTr-UBND ngày 01/12/${YEAR} của UBND xã Thạch Đài)`, { font: { italic: true }, alignment: { horizontal: 'center' } });

  const header = 8;
  ['STT', ...COLUMNS].forEach((h, i) => {
    const cell = ws.getCell(header, i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = BOLD_CENTER.alignment as ExcelJS.Alignment;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    // The column numbers offices put under the header.
    ws.getCell(header + 1, i + 1).value = `(${i + 1})`;
    ws.getCell(header + 1, i + 1).alignment = { horizontal: 'center' };
  });
  ws.getRow(header).height = 75;
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 34;
  ws.getColumn(4).width = 30;
  ws.getColumn(5).width = 24;
  ws.getColumn(COLUMNS.length + 1).width = 40;

  let r = header + 2;
  let n = 0;
  const section = (text: string) => {
    merged(ws, r++, 1, width, text, { font: { bold: true } });
  };
  const write = (row: DemoRow) => {
    ws.getCell(r, 1).value = ++n;
    COLUMNS.forEach((h, i) => {
      const v = row[h];
      if (v === undefined) return;
      const cell = ws.getCell(r, i + 2);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    });
    r++;
  };
  section('I. TẬP THỂ');
  COLLECTIVES.forEach(write);
  section('II. CÁ NHÂN, HỘ GIA ĐÌNH');
  INDIVIDUALS.forEach(write);
  merged(ws, r++, 1, 2, `Tổng cộng: ${n} tập thể, cá nhân`, { font: { bold: true } });

  // The signature block under the table.
  r++;
  merged(ws, r++, width - 5, width, `Thạch Đài, ngày 05 tháng 12 năm ${YEAR}`, { font: { italic: true }, alignment: { horizontal: 'center' } });
  merged(ws, r, 1, 3, 'NGƯỜI LẬP BIỂU');
  merged(ws, r++, width - 5, width, 'TM. ỦY BAN NHÂN DÂN');
  merged(ws, r++, width - 5, width, 'CHỦ TỊCH');
  r += 3;
  merged(ws, r, 1, 3, 'Nguyễn Thị Hương');
  merged(ws, r, width - 5, width, 'Trần Quốc Toản');
  return wb;
}

export interface DemoResult {
  folder: string;
  report: FileReport;
}

/** Writes the example, checks it like the command line does, and returns the report. */
export async function runDemo(folder: string): Promise<DemoResult> {
  const input = path.join(folder, 'danh-sach-vi-du.xlsx');
  const json = path.join(folder, 'bao-cao.json');
  writeAtomic(input, Buffer.from(await buildDemoWorkbook().xlsx.writeBuffer()), true);
  const cmd: CheckCommand = {
    command: 'check',
    input,
    plan: PLAN,
    year: YEAR,
    map: {},
    blankIsNo: false,
    out: path.join(folder, 'danh-sach-vi-du.checked.xlsx'),
    json,
    force: true,
    quiet: true,
  };
  await runCheck(cmd, process.stderr);
  return { folder, report: JSON.parse(fs.readFileSync(json, 'utf8')) as FileReport };
}

function summaryText({ folder, report }: DemoResult): string {
  const s = report.summary;
  const shown = path.relative(process.cwd(), folder) || '.';
  return [
    `Đã tạo ví dụ trong thư mục ${shown}/:`,
    `  danh-sach-vi-du.xlsx          danh sách đề nghị khen thưởng năm ${YEAR} của xã Thạch Đài (kế hoạch ${PLAN})`,
    '  danh-sach-vi-du.checked.xlsx  bản đã kiểm tra: 5 cột kết quả, ô thiếu và dòng trễ hạn được tô màu, trang "Tổng hợp"',
    '  bao-cao.json                  báo cáo JSON',
    `Kết quả: ${s.rows} dòng — ${s.eligible} đủ điều kiện, ${s.ineligible} không đủ điều kiện, ${s.incomplete} thiếu thông tin, ${s.notCovered} ngoài phạm vi kế hoạch; ${s.late} hồ sơ trễ hạn.`,
    `Lệnh tương đương: ntm-awards check ${path.join(shown, 'danh-sach-vi-du.xlsx')} --plan ${PLAN} --year ${YEAR} --out ${path.join(shown, 'danh-sach-vi-du.checked.xlsx')} --json ${path.join(shown, 'bao-cao.json')} --force`,
  ].join('\n');
}

if (require.main === module) {
  const folder = path.resolve(process.argv[2] ?? 'demo-output');
  runDemo(folder).then(
    (result) => process.stdout.write(summaryText(result) + '\n'),
    (e: unknown) => {
      process.stderr.write(`${e instanceof CliError ? e.message : MSG.demoFailed((e as Error)?.message ?? String(e))}\n`);
      process.exitCode = 1;
    },
  );
}
