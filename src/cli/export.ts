/**
 * `ntm-awards export <tệp|thư-mục> --plan <mã> --to lifesoft --template mau-nhap.xlsx --out nhap.xlsx`
 * (issue 10 §3): checks the lists and writes the eligible nominees into the management system's
 * import template — its own columns, the subject and award form as the exact names of the
 * template's catalogue sheets (its code formulas kept, their results filled in), nothing else
 * changed. A nominee whose subject or award form has no single entry there is reported, not guessed.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { chooseName, type NameChoice } from '../core/catalogue';
import { COL } from '../core/columns';
import { groupOf } from '../core/merge';
import { fold } from '../core/text';
import { cellText, parseSubject, parseTier } from '../core/values';
import { SUBJECT_NAMES_VI, TIER_LABELS_VI } from '../core/vocabulary';
import { fillSheetXml, formulaForRow, inspectTemplate, replacePart, type CellFill, type TemplateLookup, type TemplateShape } from '../xlsx/import-template';
import type { ExportCommand } from './args';
import { sniffWorkbook } from './check';
import { CliError, shownDetail } from './errors';
import { MSG, shownName } from './messages';
import { publish, tempPathFor } from './fsutil';
import { collectNominees, type Nominee } from './merge-collect';
import { resolvePlan } from './plan-source';
import { workbookInfo } from './sheet-reader';
import { PartError, verifyPackage, ZipPackage } from './zip-read';

export interface ExportOutcome {
  exitCode: 0 | 1 | 2;
  lines: string[];
  errors: string[];
}

type Out = { isTTY?: boolean; write(s: string): unknown };

export async function runExport(cmd: ExportCommand, _stderr: Out, onFile?: (file: string) => void): Promise<ExportOutcome> {
  const plan = await resolvePlan(cmd);
  if (path.resolve(cmd.template) === path.resolve(cmd.out)) throw new CliError(`ntm-awards: --out ${cmd.out}: sẽ ghi đè lên mẫu nhập; đặt tên khác — would overwrite the template`);
  if (fs.existsSync(cmd.out) && !cmd.force) throw new CliError(`ntm-awards: --out ${cmd.out}: tệp đã có; thêm --force để ghi đè — the file exists`);
  sniffWorkbook(cmd.template);
  const bytes = fs.readFileSync(cmd.template);
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs inflates every part whole: a bomb or a damaged entry is stopped first (catalogue limits).
    await verifyPackage(bytes, 'catalogue');
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    if (e instanceof PartError) throw new CliError(e.refused ? MSG.badPart(`--template ${cmd.template}`, e.part, e.detail) : MSG.damagedPart(`--template ${cmd.template}`, e.part, e.detail));
    throw new CliError(`ntm-awards: ${shownName(cmd.template)}: mẫu nhập bị hỏng hoặc không đầy đủ (${shownDetail(e) ?? 'cấu trúc không đọc được'}); tải lại mẫu — the template is damaged`);
  }
  const shape = inspectTemplate(wb);
  if ('problem' in shape) {
    throw new CliError(
      shape.problem === 'no-header'
        ? `ntm-awards: --template ${cmd.template}: không thấy dòng tiêu đề của mẫu nhập (no header row with "Tên tập thể/cá nhân/hộ gia đình" in ${shape.looked.join(', ')})`
        : `ntm-awards: --template ${cmd.template}: mẫu nhập không có cột mã dùng VLOOKUP (no code column looking up a catalogue sheet)`,
    );
  }
  if (shape.columns.proposed === undefined || shape.columns.subject === undefined) {
    throw new CliError(`ntm-awards: --template ${cmd.template}: mẫu nhập thiếu cột hình thức khen thưởng hoặc phân loại đối tượng`);
  }

  const collected = await collectNominees(cmd, plan, onFile, [cmd.out, cmd.template]);
  const eligible = collected.nominees.filter((n) => n.decision.status === 'eligible');
  const fills = new Map<number, Map<number, CellFill>>();
  const refused: string[] = [];
  let row = shape.firstDataRow;
  for (const n of eligible) {
    const cells = fillsFor(n, shape, row - shape.firstDataRow + 1);
    if ('problem' in cells) {
      refused.push(`${n.file}, dòng ${n.row}: ${n.decision.name ?? ''} — ${cells.problem} (không ghi vào mẫu nhập)`);
      continue;
    }
    fills.set(row++, cells.fills);
  }

  const zip = await JSZip.loadAsync(bytes);
  const ref = workbookInfo(ZipPackage.open(cmd.template)).sheets.find((r) => r.name === shape.sheet);
  if (!ref) throw new CliError(`ntm-awards: --template ${cmd.template}: thiếu phần dữ liệu của trang "${shape.sheet}"; tải lại mẫu — the sheet's part is missing`);
  const templateRow = shape.firstDataRow;
  const formulas = (r: number) => new Map(shape.lookups.map((l) => [l.col, formulaForRow(l.formula, templateRow, r)]));
  await replacePart(zip, ref.part, (xml) => fillSheetXml(xml, fills, formulas));
  const tmp = tempPathFor(cmd.out);
  try {
    fs.mkdirSync(path.dirname(path.resolve(cmd.out)), { recursive: true });
    fs.writeFileSync(tmp, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } }));
    publish(tmp, cmd.out, cmd.force, `--out ${cmd.out}`);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof CliError) throw e;
    throw new CliError(`ntm-awards: --out ${cmd.out}: không ghi được (${(e as NodeJS.ErrnoException).code ?? 'error'}); chọn chỗ khác hoặc kiểm tra quyền ghi thư mục — cannot write`);
  }

  const lines = [
    `${cmd.out}: ${fills.size} đề nghị đủ điều kiện ghi vào mẫu nhập (trang “${shape.sheet}”) từ ${collected.read.length} tệp; ${refused.length} không ghi được, ${collected.nominees.length - eligible.length} không đủ điều kiện hoặc chưa đủ thông tin (không xuất)`,
    ...refused,
  ];
  const errors = collected.failures.map((f) => f.error);
  return { exitCode: errors.length ? 2 : refused.length ? 1 : 0, lines, errors };
}

function textOf(n: Nominee, header: string): string {
  const cell = n.cells.get(header);
  return cell ? cellText(cell).trim() : '';
}

function lookupOf(shape: TemplateShape, source: number | undefined): TemplateLookup | undefined {
  return source === undefined ? undefined : shape.lookups.find((l) => l.source === source);
}

function foldWords(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, ' ');
}

function describe(choice: Exclude<NameChoice, { name: string }>, what: string, value: string, sheet: string): string {
  return choice.problem === 'several'
    ? `${what} “${value}” ứng với nhiều mục trong danh mục ${sheet} của mẫu nhập (${choice.candidates.join('; ')}); ghi tay tên đúng vào danh sách`
    : `${what} “${value}” không có trong danh mục ${sheet} của mẫu nhập`;
}

/** The template's cells for one nominee, or why it cannot be written without guessing. */
function fillsFor(n: Nominee, shape: TemplateShape, stt: number): { fills: Map<number, CellFill> } | { problem: string } {
  const fills = new Map<number, CellFill>();
  const c = shape.columns;
  const put = (col: number | undefined, text: string) => {
    if (col !== undefined && text) fills.set(col, { text });
  };
  const chosen = (source: number | undefined, name: string) => {
    put(source, name);
    const l = lookupOf(shape, source);
    const entry = l?.entries.find((e) => e.name === name);
    if (l && entry) fills.set(l.col, { cached: entry.code });
  };
  // Subject and award form: the catalogue's own names, or the nominee is reported.
  const names: [number | undefined, string][] = [];
  const subjectLookup = lookupOf(shape, c.subject);
  const subjectText = textOf(n, COL.subject);
  const subject = n.decision.subject;
  if (subjectLookup) {
    const choice = chooseName(subjectLookup.entries.map((e) => e.name), subjectText, subject, (s) => {
      const p = parseSubject({ value: s });
      return p.kind === 'value' ? p.value : undefined;
    });
    if ('problem' in choice) return { problem: describe(choice, 'đối tượng', subjectText || (subject ? SUBJECT_NAMES_VI[subject as keyof typeof SUBJECT_NAMES_VI] : ''), subjectLookup.sheet) };
    names.push([c.subject, choice.name]);
  }
  const awardLookup = lookupOf(shape, c.proposed);
  const awardText = textOf(n, COL.proposed);
  const tier = n.decision.proposed;
  if (awardLookup) {
    const choice = chooseName(awardLookup.entries.map((e) => e.name), awardText, tier, (s) => {
      const p = parseTier({ value: s });
      return p.kind === 'value' ? p.value : undefined;
    });
    if ('problem' in choice) return { problem: describe(choice, 'hình thức', awardText || (tier ? TIER_LABELS_VI[tier as keyof typeof TIER_LABELS_VI] : ''), awardLookup.sheet) };
    names.push([c.proposed, choice.name]);
  }
  for (const [col, name] of names) chosen(col, name);
  // "Phân loại khen thưởng": individual, collective or household, by the catalogue's words.
  const kindLookup = lookupOf(shape, c.kind);
  if (kindLookup) {
    const group = groupOf(subject);
    const words = subject === 'ho-gia-dinh' ? 'ho gia dinh' : group === 'collective' ? 'tap the' : 'ca nhan';
    const found = kindLookup.entries.filter((e) => foldWords(e.name).includes(words));
    if (found.length !== 1) return { problem: `không xác định được phân loại khen thưởng (${words}) trong danh mục ${kindLookup.sheet} của mẫu nhập` };
    chosen(c.kind, found[0].name);
  }
  if (c.stt !== undefined) fills.set(c.stt, { number: stt });
  put(c.name, n.decision.name ?? textOf(n, COL.name));
  // The list's "Chức vụ, đơn vị công tác" is one text: it goes to the unit column as written.
  put(c.unit, textOf(n, COL.unit));
  return { fills };
}

