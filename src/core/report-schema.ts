/**
 * The shape of the JSON report (`ntm-awards check --json`), for a province's own tools to read
 * reports safely: a zod schema (the tests hold real reports to it) and its JSON Schema, written to
 * dist/report.schema.json by the build and shipped in a release beside the plan schema.
 * `schemaVersion` changes when a field is removed or changes meaning; new fields may appear.
 */
import { z } from 'zod';
import './zod-setup'; // first: before any schema below is built
import { REPORT_SCHEMA_VERSION } from './report-version';

export { REPORT_SCHEMA_VERSION };

const Reason = z.object({
  criterion: z.string().describe('Mã tiêu chí trong kế hoạch — criterion id'),
  result: z.string().describe('Kết quả của bước: pass, fail, missing… — step outcome'),
  text: z.string().describe('Lý do, tiếng Việt — the reason in Vietnamese'),
  citation: z.string().describe('Trích dẫn mục của kế hoạch — where the plan says so'),
});

const Row = z.object({
  row: z.number().int().positive().describe('Số dòng trên trang tính — row number in the sheet'),
  name: z.string().nullable(),
  subject: z.string().nullable().describe('Mã đối tượng — subject id'),
  proposed: z.string().nullable().describe('Hình thức đề nghị — proposed award id'),
  status: z.enum(['eligible', 'ineligible', 'incomplete', 'not-covered']),
  awardTier: z.string().nullable().describe('Hình thức cao nhất đủ điều kiện — highest award the row qualifies for'),
  missing: z.array(z.string()).describe('Cột còn thiếu — columns the row lacks'),
  unreadable: z.array(z.object({ column: z.string(), raw: z.string(), expected: z.string() })),
  deadline: z.object({
    status: z.enum(['on-time', 'late', 'none', 'missing']),
    before: z.string().nullable().describe('Hạn nộp, YYYY-MM-DD'),
    daysLate: z.number().int(),
  }),
  reasons: z.array(Reason),
});

const Summary = z.object({
  rows: z.number().int(),
  eligible: z.number().int(),
  ineligible: z.number().int(),
  incomplete: z.number().int(),
  notCovered: z.number().int(),
  late: z.number().int(),
});

const FileFields = {
  plan: z.string().describe('Mã kế hoạch — plan id'),
  file: z.string(),
  sheet: z.string(),
  headerRow: z.number().int().positive(),
  rows: z.array(Row),
  summary: Summary,
};

const Made = {
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  productVersion: z.string().describe('Phiên bản ntm-awards đã kiểm tra — the version that judged the list'),
};

/** One checked file (`check a.xlsx --json r.json`). */
export const FileReportSchema = z.object({ ...Made, ...FileFields });

/** A folder (`check ho-so/ --json r.json`): every file, and those that could not be read. */
export const FolderReportSchema = z.object({
  ...Made,
  plan: z.string(),
  folder: z.string(),
  files: z.array(z.object(FileFields)),
  failed: z.array(z.object({ file: z.string(), error: z.string() })),
});

export const ReportSchema = z.union([FileReportSchema, FolderReportSchema]);

export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ReportSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://ntm-awards.local/report.schema.json',
    title: 'ntm-awards report (báo cáo kiểm tra)',
    description: 'Báo cáo JSON của "ntm-awards check --json": từng dòng, kết quả, lý do có trích dẫn, tổng hợp; schemaVersion và phiên bản đã kiểm tra.',
  };
}
