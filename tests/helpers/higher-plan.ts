/**
 * The pair the issue 18 tests judge one commune's list with: the shipped district plan (Thạch Hà)
 * and a plan an office wrote for the province's decision the district hands Bằng khen tỉnh to
 * (tests/fixtures/plans/ha-tinh-3351-2021.json), and the answers a commune's row gives to both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadPlan, type CompiledPlan } from '../../src/core/compile';
import type { RowCells } from './workbook';

export const HIGHER_PLAN_FILE = path.join(__dirname, '..', 'fixtures', 'plans', 'ha-tinh-3351-2021.json');

/** The province's plan, compiled as a plan file is; `edit` changes its JSON first. */
export function higherPlan(edit?: (json: Record<string, any>) => void): CompiledPlan {
  const json = JSON.parse(fs.readFileSync(HIGHER_PLAN_FILE, 'utf8'));
  edit?.(json);
  const r = loadPlan(json, HIGHER_PLAN_FILE);
  if (!r.ok) throw new Error(`fixture plan does not load: ${JSON.stringify(r.issues[0])}`);
  return r.plan;
}

/** A commune that meets the district's and the province's criteria for its year. */
export const COMMUNE: RowCells = {
  'Năm': 2024,
  'Chấp hành tốt chủ trương, chính sách, pháp luật': 'Có',
  'Tiêu biểu trong phong trào': 'Có',
  'Dẫn đầu phong trào cấp huyện': 'Có',
  'Nợ đọng XDCB': 'Không',
  'Mức thành tích': 'Tiêu biểu xuất sắc',
};
