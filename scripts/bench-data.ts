/**
 * The bench's input: nominee rows for the thach-ha plan generated from a seeded PRNG, every value
 * drawn independently (names, units, subjects, tiers, yes/no spellings, levels, years as numbers
 * and text, dates as serials and text), so no two rows share a template and the parsers' caches see
 * what a real list gives them. The same seed gives the same rows in every process.
 */
import ExcelJS from 'exceljs';
import type { Cell } from '../src/core/cell';
import { COL } from '../src/core/columns';

export const BENCH_PLAN = 'thach-ha-2022';
export const SEED = 20231205;

/** mulberry32: small, fast, and the same sequence on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Hữu', 'Quang', 'Thanh', 'Ngọc', 'Xuân', 'Công', 'Đình', 'Kim'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quý', 'Sơn', 'Tâm', 'Thảo', 'Trung', 'Tuấn', 'Vân', 'Yến'];
const PLACE = ['Thạch Đài', 'Thạch Kênh', 'Thạch Liên', 'Việt Tiến', 'Thạch Khê', 'Đỉnh Bàn', 'Tượng Sơn', 'Thạch Lạc', 'Thạch Hội', 'Nam Điền', 'Thạch Xuân', 'Ngọc Sơn', 'Lưu Vĩnh Sơn', 'Thạch Ngọc', 'Thạch Sơn'];
const OFFICE = ['Phòng Nông nghiệp và PTNT', 'Phòng Tài chính - Kế hoạch', 'Phòng Kinh tế và Hạ tầng', 'Văn phòng Điều phối NTM', 'Phòng Tài nguyên và Môi trường', 'Ủy ban MTTQ huyện', 'Hội Nông dân huyện', 'Huyện đoàn'];
const POST = ['Chủ tịch UBND xã', 'Phó Chủ tịch UBND xã', 'Công chức Địa chính', 'Chuyên viên', 'Trưởng phòng', 'Phó trưởng phòng', 'Trưởng thôn', 'Nông dân', 'Xã viên'];

/** Subject spellings as offices type them, with the plan's eight subjects and one it lacks. */
const SUBJECTS: Record<string, readonly string[]> = {
  'co-quan': ['Cơ quan, đơn vị', 'Phòng, ban, ngành', 'cơ quan', 'Ủy ban Mặt trận Tổ quốc'],
  xa: ['Xã', 'xã', 'Thị trấn', 'XÃ'],
  thon: ['Thôn', 'Tổ dân phố', 'xóm', 'Thôn, xóm'],
  'doanh-nghiep': ['Doanh nghiệp', 'doanh nghiệp'],
  'hop-tac-xa': ['Hợp tác xã', 'HTX', 'Mô hình kinh tế'],
  'ho-gia-dinh': ['Hộ gia đình', 'Hộ', 'gia đình'],
  'can-bo': ['Cán bộ, công chức, viên chức', 'CBCCVC', 'Công chức', 'Viên chức'],
  'nguoi-lao-dong': ['Người lao động', 'Nông dân', 'Công nhân', 'xã viên'],
  'ngan-hang': ['Ngân hàng'],
};
const SUBJECT_KEYS = Object.keys(SUBJECTS);
const SUBJECT_WEIGHTS = [8, 12, 12, 6, 6, 22, 14, 18, 2];

const YES = ['x', 'X', 'Có', 'có', 'CÓ', 'Đạt', 'x ', '✓'];
const NO = ['Không', 'không', 'Chưa đạt', '0', 'K'];
const TIERS = ['Giấy khen', 'Giấy khen của Chủ tịch UBND huyện', 'giấy khen', 'GK Chủ tịch UBND huyện', 'Bằng khen của Chủ tịch UBND tỉnh', 'Bằng khen tỉnh', 'Giấy khen cấp xã'];
const TIER_WEIGHTS = [40, 20, 10, 6, 8, 4, 3];
const STANDARD = ['NTM nâng cao', 'Nông thôn mới nâng cao', 'Đạt chuẩn NTM nâng cao', 'NTM kiểu mẫu', 'Nông thôn mới kiểu mẫu', 'Đạt chuẩn NTM', 'Chưa đạt', 'nâng cao NTM'];
const RESIDENTIAL = ['Đạt chuẩn', 'Khu dân cư NTM kiểu mẫu', 'KDC kiểu mẫu', 'Chưa đạt chuẩn', 'đạt chuẩn', 'Kiểu mẫu'];
const ROUNDS = ['', '', '', '', 'Hằng năm', 'hằng năm', 'Sơ kết', 'Tổng kết'];
const LEVELS = ['', '', 'Xuất sắc', 'xuất sắc', 'Tiêu biểu xuất sắc'];

/** The sheet's columns, in the order of the generated workbook (STT first). */
export const BENCH_HEADERS: readonly string[] = [
  'STT',
  COL.name,
  COL.subject,
  COL.unit,
  COL.proposed,
  COL.round,
  COL.year,
  COL.submitted,
  COL.level,
  COL.summary,
  COL.lawAbiding,
  'Tham mưu cơ chế, chính sách',
  'Chỉ đạo, hỗ trợ địa phương đạt kết quả',
  'Hoàn thành nhiệm vụ đúng tiến độ',
  'Thành tích tiêu biểu xuất sắc',
  'Mức đạt chuẩn',
  'Năm đạt chuẩn',
  'Năm kế hoạch',
  'Tiêu biểu trong phong trào',
  'Xã khó khăn',
  'Có thành tích tiêu biểu',
  'Thành tích xuất sắc trong phong trào',
  'Chuẩn khu dân cư',
  'Đóng góp được cấp có thẩm quyền ghi nhận',
  'Liên kết chuỗi giá trị, OCOP, việc làm',
  'Phát triển ổn định, chăm lo người lao động',
  'Sáng kiến, cải tiến kỹ thuật',
  'Chỉnh trang nhà cửa, vườn hộ tiêu biểu',
  'Đóng góp đất đai, tài sản, ngày công',
  'Sáng kiến, giải pháp hữu ích',
  'Đóng góp tiền của, công sức, đất đai',
  'Mô hình hay, cách làm mới, sáng chế',
  'Giá trị đóng góp (đồng)',
];

/** The criterion columns each subject's bullet reads (others stay blank, as on real lists). */
const OWN_COLUMNS: Record<string, readonly string[]> = {
  'co-quan': BENCH_HEADERS.slice(11, 15),
  xa: BENCH_HEADERS.slice(15, 21),
  thon: BENCH_HEADERS.slice(21, 23),
  'doanh-nghiep': BENCH_HEADERS.slice(23, 25),
  'hop-tac-xa': BENCH_HEADERS.slice(25, 27),
  'ho-gia-dinh': BENCH_HEADERS.slice(27, 29),
  'can-bo': BENCH_HEADERS.slice(29, 30),
  'nguoi-lao-dong': BENCH_HEADERS.slice(30, 32),
  'ngan-hang': [],
};

/** 1-based sheet column of each header, as the header detection would map it. */
export function benchColumns(): Record<string, number> {
  const columns: Record<string, number> = {};
  BENCH_HEADERS.forEach((h, i) => {
    if (h !== 'STT') columns[h] = i + 1;
  });
  return columns;
}

/** Excel serial of a calendar date (1900 system, after the 1900-02-29 bug). */
export function serial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}


export function generateRows(n: number, seed = SEED): (string | number | null)[][] {
  return [...rowsOf(n, seed)];
}

/** The rows one at a time: a list of Excel's full height is never held whole. */
export function* rowsOf(n: number, seed = SEED): Generator<(string | number | null)[]> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const weighted = <T>(xs: readonly T[], ws: readonly number[]): T => {
    const total = ws.reduce((a, b) => a + b, 0);
    let x = rnd() * total;
    for (let i = 0; i < xs.length; i++) if ((x -= ws[i]) < 0) return xs[i];
    return xs[xs.length - 1];
  };
  const yn = (pYes: number, pBlank = 0.04) => (rnd() < pBlank ? null : rnd() < pYes ? pick(YES) : pick(NO));
  const person = () => `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
  const at = new Map(BENCH_HEADERS.map((h, i) => [h, i]));
  for (let i = 0; i < n; i++) {
    const v: (string | number | null)[] = new Array(BENCH_HEADERS.length).fill(null);
    const set = (h: string, x: string | number | null) => {
      v[at.get(h)!] = x;
    };
    const subject = weighted(SUBJECT_KEYS, SUBJECT_WEIGHTS);
    const individual = ['ho-gia-dinh', 'can-bo', 'nguoi-lao-dong'].includes(subject);
    set('STT', i + 1);
    const name =
      subject === 'xa'
        ? `${pick(['UBND xã', 'Xã', 'xã'])} ${pick(PLACE)}`
        : subject === 'thon'
          ? `${pick(['Thôn', 'Xóm', 'Tổ dân phố'])} ${1 + Math.floor(rnd() * 14)}, xã ${pick(PLACE)}`
          : subject === 'co-quan'
            ? pick(OFFICE)
            : subject === 'doanh-nghiep'
              ? `Công ty ${pick(['TNHH', 'CP'])} ${pick(GIVEN)} ${pick(PLACE)}`
              : subject === 'hop-tac-xa'
                ? `HTX ${pick(['nông nghiệp', 'dịch vụ', 'chăn nuôi'])} ${pick(PLACE)}`
                : subject === 'ho-gia-dinh'
                  ? `Hộ ông ${person()}`
                  : person();
    set(COL.name, rnd() < 0.02 ? null : name);
    set(COL.subject, rnd() < 0.015 ? null : pick(SUBJECTS[subject]));
    set(COL.unit, individual ? (rnd() < 0.05 ? null : `${pick(POST)}, xã ${pick(PLACE)}`) : rnd() < 0.5 ? `xã ${pick(PLACE)}` : null);
    set(COL.proposed, rnd() < 0.02 ? null : weighted(TIERS, TIER_WEIGHTS));
    const round = pick(ROUNDS);
    set(COL.round, round || null);
    const year = round === 'Sơ kết' ? (rnd() < 0.8 ? 2023 : 2024) : round === 'Tổng kết' ? (rnd() < 0.8 ? 2025 : 2023) : 2023;
    set(COL.year, rnd() < 0.5 ? null : rnd() < 0.7 ? year : String(year));
    // Submission dates around the 5 December deadline, as serials and as text in two spellings.
    const day = 1 + Math.floor(rnd() * 28);
    const month = rnd() < 0.7 ? 11 + Math.floor(rnd() * 2) : 1 + Math.floor(rnd() * 12);
    const r = rnd();
    set(
      COL.submitted,
      r < 0.05
        ? null
        : r < 0.55
          ? serial(year, month, day)
          : r < 0.85
            ? `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`
            : `${day}-${month}-${year}`,
    );
    set(COL.level, pick(LEVELS) || null);
    set(COL.summary, rnd() < 0.6 ? `Thành tích năm ${year}: ${pick(['hoàn thành xuất sắc', 'đóng góp tích cực', 'tiêu biểu'])} (${Math.floor(rnd() * 1000)})` : null);
    set(COL.lawAbiding, yn(0.9));
    for (const c of OWN_COLUMNS[subject]) {
      if (c === 'Mức đạt chuẩn') set(c, rnd() < 0.05 ? null : pick(STANDARD));
      else if (c === 'Chuẩn khu dân cư') set(c, rnd() < 0.05 ? null : pick(RESIDENTIAL));
      else if (c === 'Năm đạt chuẩn' || c === 'Năm kế hoạch') {
        const y = 2019 + Math.floor(rnd() * 7);
        set(c, rnd() < 0.05 ? null : rnd() < 0.8 ? y : String(y));
      } else set(c, yn(0.45, 0.06));
    }
    if (rnd() < 0.3) set('Giá trị đóng góp (đồng)', rnd() < 0.5 ? Math.floor(rnd() * 5e8) : `${Math.floor(rnd() * 500)}.000.000`);
    yield v;
  }
}

/** Cells as the command line's reader gives them (date serials carry a date format). */
export function toCells(values: readonly (string | number | null)[]): Cell[] {
  const submitted = BENCH_HEADERS.indexOf(COL.submitted);
  return values.map((x, i) => (i === submitted && typeof x === 'number' ? { value: x, format: 'dd/mm/yyyy' } : { value: x }));
}

/**
 * The list as offices lay it out: a title block, the header, then the rows; dates as real dates.
 * `titled: false` puts the header on row 1, so that 1,048,575 rows end on Excel's last row.
 */
export async function writeBenchWorkbook(file: string, n: number, seed = SEED, titled = true): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet('Danh sách');
  if (titled) {
    ws.addRow(['DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2023']).commit();
    ws.addRow([]).commit();
  }
  ws.addRow([...BENCH_HEADERS]).commit();
  const submitted = BENCH_HEADERS.indexOf(COL.submitted);
  for (const values of rowsOf(n, seed)) {
    const row = ws.addRow(values.map((x, i) => (i === submitted && typeof x === 'number' ? new Date(Date.UTC(1899, 11, 30) + x * 86_400_000) : x)));
    if (typeof values[submitted] === 'number') row.getCell(submitted + 1).numFmt = 'dd/mm/yyyy';
    row.commit();
  }
  await wb.commit();
}
