/**
 * The nominees of one or many lists, checked, with their cells by standard header: what the
 * consolidated list (--merge) and the export to a management system are made of (issue 10).
 * Each file is first checked by the command line's own reader, so a file that cannot be read is
 * refused with exactly the line `check` gives; its cells are then read in memory.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell } from '../core/cell';
import type { CompiledPlan } from '../core/compile';
import type { Decision } from '../core/evaluate';
import { asPlanSet, type PlanSet } from '../core/plan-set';
import { checkWorkbook } from '../xlsx/check-workbook';
import { nomineesOf } from '../xlsx/merged-list';
import type { CheckCommand } from './args';
import { checkFile, listInputs, resolveMap } from './check';
import { CliError } from './errors';
import { removeTemporaries } from './stream-check';

export interface Nominee {
  /** Path as given, and the name shown in the merged list. */
  path: string;
  file: string;
  sheet: string;
  row: number;
  unit: string | null;
  cells: Map<string, Cell>;
  decision: Decision;
  /** The plan that judged the row (several plans: the one governing its form). */
  plan?: CompiledPlan;
}

export interface Collected {
  nominees: Nominee[];
  /** Standard headers found in at least one list, in registry order. */
  headers: string[];
  /** One line per file that could not be read (the line `check` gives). */
  failures: { file: string; error: string }[];
  /** Files read, with their sheet. */
  read: { file: string; sheet: string; rows: number }[];
}

export type CollectOptions = Omit<CheckCommand, 'command' | 'out' | 'json' | 'merge'>;

/**
 * `exclude`: this command's own outputs and template, which may sit in the folder being read.
 * Several plans: each row judged by the plan governing its form, as `check` judges it.
 */
export async function collectNominees(given: CollectOptions, plans: CompiledPlan | PlanSet, onFile?: (file: string) => void, exclude: readonly string[] = []): Promise<Collected> {
  const set = asPlanSet(plans);
  const cmd: CheckCommand = { ...given, command: 'check', map: resolveMap(given.map, set) };
  const { files: all, folder } = listInputs(cmd.input);
  const skip = new Set(exclude.map((f) => path.resolve(f)));
  const files = all.filter((f) => !skip.has(path.resolve(f)));
  const nominees: Nominee[] = [];
  const failures: Collected['failures'] = [];
  const read: Collected['read'] = [];
  const used = new Set<string>();
  for (const file of files) {
    onFile?.(file);
    try {
      removeTemporaries(await checkFile(file, set, cmd));
    } catch (e) {
      if (!(e instanceof CliError) || !folder) throw e;
      failures.push({ file, error: e.message.split('\n')[0] });
      continue;
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const checked = checkWorkbook(wb, file, set, { ...cmd, map: cmd.map });
    if ('problem' in checked) throw new Error(`${file}: read by the streaming reader but not in memory (${checked.problem})`);
    for (const h of Object.keys(checked.match.columns)) used.add(h);
    for (const n of nomineesOf(checked, path.basename(file))) nominees.push({ ...n, path: file });
    const sheet = checked.sheet;
    read.push({ file, sheet: sheet.name, rows: checked.items.length });
  }
  const headers = [...set.registry.keys()].filter((h) => used.has(h));
  return { nominees, headers, failures, read };
}
