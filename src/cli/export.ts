/**
 * `ntm-awards export <tệp|thư-mục|tong-hop.xlsx> --plan <mã> [--plan-file <kế hoạch cấp trên>]... --to lifesoft --template mau-nhap.xlsx
 * --out nhap.xlsx [--mapping doi-chieu-danh-muc.xlsx] [--json bao-cao.json]` (issues 10, 21): checks
 * the lists and writes the eligible nominees into the management system's import template — its own
 * columns, the subject and award form as names of the template's catalogue sheets (its code formulas
 * kept, their results filled in), nothing else changed. A name is written only when it is the list's
 * own, the plan's (the award form the rule of the plan that judged the nominee names: several plans
 * are taken as `check` takes them, issue 18) or the office's mapping's; every other value is
 * blocked and written, with the catalogue's entries to choose from, into the mapping file. The same
 * nominee twice (a merged list's duplicates) is written once.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { indexMapping, MAPPING_KIND_LABELS, NO_MAPPING, type MappingIndex } from '../core/catalogue-export';
import { PRODUCT_VERSION } from '../core/version';
import { inspectTemplate, type TemplateShape } from '../xlsx/import-template';
import { countsByPlan, filledTemplate, planExport, templateCatalogues, type NomineeOutcome } from '../xlsx/lifesoft-export';
import { MAPPING_FILE, mappingBytes, readMapping } from '../xlsx/mapping-file';
import type { ExportCommand } from './args';
import { sniffWorkbook } from './check';
import { CliError, shownDetail } from './errors';
import { MSG, shownName } from './messages';
import { publish, tempPathFor, writeAtomic } from './fsutil';
import { collectNominees } from './merge-collect';
import { resolvePlanSet } from './plan-set-source';
import { identityLine, planIdentity } from '../core/plan-identity';
import { setIdentities } from '../core/plan-set';
import { workbookInfo } from '../xlsx/sheet-reader';
import { PartError, verifyPackage, ZipPackage } from '../xlsx/zip-read';

export interface ExportOutcome {
  exitCode: 0 | 1 | 2;
  lines: string[];
  errors: string[];
}

type Out = { isTTY?: boolean; write(s: string): unknown };

async function loadWorkbook(file: string, what: string): Promise<{ bytes: Buffer; wb: ExcelJS.Workbook }> {
  sniffWorkbook(file);
  const bytes = fs.readFileSync(file);
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs inflates every part whole: a bomb or a damaged entry is stopped first (catalogue limits).
    await verifyPackage(bytes, 'catalogue');
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    if (e instanceof PartError) throw new CliError(e.refused ? MSG.badPart(file, e.part, e.detail) : MSG.damagedPart(file, e.part, e.detail));
    throw new CliError(`ntm-awards: ${shownName(file)}: ${what} bị hỏng hoặc không đầy đủ (${shownDetail(e) ?? 'cấu trúc không đọc được'}) — the file is damaged`);
  }
  return { bytes, wb };
}

function readShape(wb: ExcelJS.Workbook, template: string): TemplateShape {
  const shape = inspectTemplate(wb);
  if ('problem' in shape) {
    throw new CliError(
      shape.problem === 'no-header'
        ? `ntm-awards: --template ${template}: không thấy dòng tiêu đề của mẫu nhập (no header row with "Tên tập thể/cá nhân/hộ gia đình" in ${shape.looked.join(', ')})`
        : `ntm-awards: --template ${template}: mẫu nhập không có cột mã dùng VLOOKUP (no code column looking up a catalogue sheet)`,
    );
  }
  if (shape.columns.proposed === undefined || shape.columns.subject === undefined) {
    throw new CliError(`ntm-awards: --template ${template}: mẫu nhập thiếu cột hình thức khen thưởng hoặc phân loại đối tượng — a column is missing`);
  }
  return shape;
}

/** Where the mapping of still-unresolved values goes: beside --out, never over the mapping read nor an existing file without --force. */
function mappingTarget(cmd: ExportCommand): string {
  const dir = path.dirname(cmd.out);
  const input = cmd.mapping ? path.resolve(cmd.mapping) : undefined;
  for (let i = 1; ; i++) {
    const name = path.join(dir, i === 1 ? MAPPING_FILE : MAPPING_FILE.replace(/\.xlsx$/, `-${i}.xlsx`));
    if (path.resolve(name) === input) continue;
    if (cmd.force || !fs.existsSync(name)) return name;
  }
}

export async function runExport(cmd: ExportCommand, _stderr: Out, onFile?: (file: string) => void): Promise<ExportOutcome> {
  // The list's own plan first, then any higher plan: each nominee judged, and its award form named, by the plan governing its form.
  const plans = await resolvePlanSet(cmd, 'export');
  const outs = [cmd.out, cmd.json].filter((f): f is string => f !== undefined);
  for (const o of outs) {
    for (const input of [cmd.template, cmd.mapping, cmd.input]) {
      if (input && path.resolve(input) === path.resolve(o)) throw new CliError(`ntm-awards: ${o}: sẽ ghi đè lên tệp đầu vào (${input}); đặt tên khác — would overwrite an input`);
    }
    if (fs.existsSync(o) && !cmd.force) throw new CliError(`ntm-awards: ${o}: tệp đã có; thêm --force để ghi đè — the file exists`);
  }
  if (cmd.json && path.resolve(cmd.json) === path.resolve(cmd.out)) throw new CliError(`ntm-awards: --json ${cmd.json}: trùng với --out — the report would overwrite the output`);
  const { bytes, wb } = await loadWorkbook(cmd.template, 'mẫu nhập');
  const shape = readShape(wb, cmd.template);
  const catalogues = templateCatalogues(shape);
  let mapping: MappingIndex = NO_MAPPING;
  if (cmd.mapping) {
    const read = readMapping((await loadWorkbook(cmd.mapping, 'tệp đối chiếu danh mục')).wb);
    if ('problem' in read) throw new CliError(`ntm-awards: --mapping ${cmd.mapping}: ${read.problem} — not a catalogue mapping`);
    mapping = indexMapping(read.choices, catalogues);
  }

  const exclude = [cmd.out, cmd.template, ...(cmd.mapping ? [cmd.mapping] : []), mappingTarget(cmd)];
  const collected = await collectNominees(cmd, plans, onFile, exclude);
  const { fills, outcomes, pending, used, eligible } = planExport(collected.nominees, shape, plans.plans[0].plan, mapping);

  // The sheet's part as the command line's own zip reader names it (from the bytes already read); the
  // rest of the package as stored.
  const ref = workbookInfo(ZipPackage.fromBuffer(bytes)).sheets.find((r) => r.name === shape.sheet);
  if (!ref) throw new CliError(`ntm-awards: --template ${cmd.template}: thiếu phần dữ liệu của trang "${shape.sheet}"; tải lại mẫu — the sheet's part is missing`);
  const filled = await filledTemplate(bytes, shape, fills, ref.part);
  const tmp = tempPathFor(cmd.out);
  try {
    fs.mkdirSync(path.dirname(path.resolve(cmd.out)), { recursive: true });
    fs.writeFileSync(tmp, filled);
    publish(tmp, cmd.out, cmd.force, `--out ${cmd.out}`);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof CliError) throw e;
    throw new CliError(`ntm-awards: --out ${cmd.out}: không ghi được (${(e as NodeJS.ErrnoException).code ?? 'error'}); chọn chỗ khác hoặc kiểm tra quyền ghi thư mục — cannot write`);
  }

  // The mapping file: the values still to choose, and the choices that carried rows (one record to keep).
  let mappingFile: string | null = null;
  if (pending.length) {
    const rows = [...pending, ...used.map((u) => ({ ...u.choice, candidates: [], rows: [] }))];
    mappingFile = mappingTarget(cmd);
    writeAtomic(mappingFile, Buffer.from(await mappingBytes(rows, catalogues, path.basename(cmd.template))), true);
  }

  const count = (s: NomineeOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  const written = count('written');
  const blocked = outcomes.filter((o) => o.status === 'blocked');
  const dup = count('duplicate');
  // Several plans: each named exactly, with what became of the nominees it judged (issue 18).
  const several = plans.plans.length > 1;
  const perPlan = countsByPlan(outcomes, plans.plans.map((p) => p.plan.id));
  const shortNames = new Map(plans.plans.map((p) => [p.plan.id, planIdentity(p).shortName]));
  const judgedBy = (o: NomineeOutcome) => (several && o.plan !== undefined ? ` (theo ${shortNames.get(o.plan)})` : '');
  const lines = [
    `${cmd.out}: ${written} đề nghị đủ điều kiện ghi vào mẫu nhập (trang “${shape.sheet}”) từ ${collected.read.length} tệp; ${blocked.length} chờ đối chiếu danh mục, ${dup} trùng lặp (không ghi lần hai), ${collected.nominees.length - eligible} không đủ điều kiện hoặc chưa đủ thông tin (không xuất) — ${written} written`,
    ...(several
      ? perPlan.map(
          (c, i) =>
            `  xét theo ${identityLine(planIdentity(plans.plans[i]))}: ${c.nominees} đề nghị — ${c.written} ghi vào mẫu nhập, ${c.blocked} chờ đối chiếu danh mục, ${c.duplicates} trùng lặp, ${c.notEligible} không đủ điều kiện hoặc chưa đủ thông tin — judged by this plan`,
        )
      : []),
    ...used.map((u) => `  theo tệp đối chiếu: ${MAPPING_KIND_LABELS[u.choice.kind]} “${u.choice.value}” → “${u.choice.choice}”: ${u.rows} dòng — by the mapping`),
    ...mapping.stale.map((s) => `  tệp đối chiếu chọn “${s.choice}” cho ${MAPPING_KIND_LABELS[s.kind]} “${s.value}”, nhưng mẫu nhập không có mục này (mẫu mới hơn?); không dùng, chọn lại — a stale mapping entry, not used`),
    ...outcomes.filter((o) => o.status !== 'written' && o.status !== 'not-eligible').map((o) => `${o.file}, dòng ${o.row}: ${o.name}${judgedBy(o)} — ${o.why.join('; ')} (không ghi vào mẫu nhập)`),
  ];
  if (mappingFile) {
    lines.push(
      `${mappingFile}: ${pending.length} giá trị cần chọn mục trong danh mục (${blocked.length} dòng chờ); chọn một lần rồi chạy lại với --mapping ${mappingFile} — choose once, then export again`,
    );
  }
  if (cmd.json) {
    const report = {
      product: 'ntm-awards',
      version: PRODUCT_VERSION,
      command: 'export',
      to: cmd.to,
      plan: plans.plans[0].plan.id,
      // Every plan given, named as check's report names them (issue 18); each nominee names its own.
      plans: setIdentities(plans),
      input: cmd.input,
      template: cmd.template,
      out: cmd.out,
      mapping: cmd.mapping ?? null,
      mappingFile,
      summary: {
        nominees: collected.nominees.length,
        eligible,
        written,
        blocked: blocked.length,
        duplicates: dup,
        notEligible: collected.nominees.length - eligible,
        byPlan: perPlan,
        byMapping: used.map((u) => ({ kind: u.choice.kind, value: u.choice.value, choice: u.choice.choice, rows: u.rows })),
        staleMappings: mapping.stale,
        unresolved: pending.map((p) => ({ kind: p.kind, value: p.value, rows: p.rows.length, candidates: p.candidates })),
      },
      nominees: outcomes,
      failures: collected.failures,
    };
    writeAtomic(cmd.json, JSON.stringify(report, null, 2) + '\n', true);
  }
  const errors = collected.failures.map((f) => f.error);
  return { exitCode: errors.length ? 2 : blocked.length || dup || mapping.stale.length ? 1 : 0, lines, errors };
}
