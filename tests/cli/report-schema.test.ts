/**
 * The JSON report names what made it (schemaVersion, productVersion) and keeps to the schema that
 * ships beside the plan schema (dist/report.schema.json): a file's report and a folder's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileReportSchema, FolderReportSchema, REPORT_SCHEMA_VERSION, reportJsonSchema } from '../../src/core/report-schema';
import { PRODUCT_VERSION } from '../../src/core/version';
import { readDist } from '../functions/dist';

const ROOT = path.resolve(__dirname, '../..');
const WORKBOOKS = path.join(ROOT, 'tests/cases/workbooks');
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-report-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function check(input: string, json: string): unknown {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/ntm-awards'), 'check', input, '--plan', 'thach-ha-2022', '--year', '2023', '--json', json, '--quiet'], { encoding: 'utf8' });
  expect({ written: fs.existsSync(json), stderr: r.stderr.split('\n').filter((l) => l && !l.includes('hong.xlsx: không phải bảng tính .xlsx')) }).toEqual({ written: true, stderr: [] });
  return JSON.parse(fs.readFileSync(json, 'utf8'));
}

test('a file’s report starts with schemaVersion and productVersion and fits the file schema', () => {
  const file = path.join(tmp, 'thach-ha-2022.xlsx');
  fs.copyFileSync(path.join(WORKBOOKS, 'thach-ha-2022.xlsx'), file);
  const report = check(file, path.join(tmp, 'a.json')) as Record<string, unknown>;
  expect(Object.keys(report).slice(0, 2)).toEqual(['schemaVersion', 'productVersion']);
  expect(report).toMatchObject({ schemaVersion: REPORT_SCHEMA_VERSION, productVersion: PRODUCT_VERSION });
  const parsed = FileReportSchema.safeParse(report);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(FolderReportSchema.safeParse(report).success).toBe(false);
});

test('a folder’s report fits the folder schema', () => {
  const dir = path.join(tmp, 'ho-so');
  fs.mkdirSync(dir);
  for (const n of ['thach-ha-2022.xlsx', 'hong-linh-2022.xlsx']) fs.copyFileSync(path.join(WORKBOOKS, n), path.join(dir, n));
  fs.writeFileSync(path.join(dir, 'hong.xlsx'), 'not a workbook');
  const report = check(dir, path.join(tmp, 'b.json'));
  const parsed = FolderReportSchema.safeParse(report);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect((report as { failed: unknown[] }).failed).toHaveLength(1);
});

test('the build writes the report schema beside the plan schema', () => {
  expect(JSON.parse(readDist('report.schema.json'))).toEqual(JSON.parse(JSON.stringify(reportJsonSchema())));
  expect(JSON.parse(readDist('plan.schema.json')).title).toMatch(/plan/);
});
