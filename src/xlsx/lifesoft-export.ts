/**
 * The export into a management system's import template (issues 10, 21), shared by the command line
 * and the page: which nominees are written and as what — the subject and award form as catalogue
 * entries chosen by the list, the plan or the office's mapping (core/catalogue-export), the
 * "Phân loại khen thưởng" by the catalogue's words, the text columns as the list writes them — which
 * are blocked and on what value, which are duplicates; and the template's package with the rows
 * filled. exceljs and JSZip only, no file system: it runs in the browser too.
 */
import JSZip from 'jszip';
import type { Cell } from '../core/cell';
import type { Catalogues, MappingIndex, MappingKind, MappingRow } from '../core/catalogue-export';
import { MAPPING_KIND_LABELS, MappingRows, resolveAward, resolveSubject } from '../core/catalogue-export';
import { COL } from '../core/columns';
import type { Decision } from '../core/evaluate';
import { findDuplicates, groupOf, identityKey, type MergeItem } from '../core/merge';
import type { Plan } from '../core/plan-schema';
import { fold } from '../core/text';
import { cellText } from '../core/values';
import { fillSheetXml, formulaForRow, replacePart, type CellFill, type TemplateLookup, type TemplateShape } from './import-template';

/**
 * A checked nominee with its cells by standard header (a list's row, or a merged list's), and the
 * plan that judged it when the check says (several plans: its award form is that plan's, issue 18).
 */
export type Nominee = MergeItem & { cells: ReadonlyMap<string, Cell>; decision: Decision; plan?: { plan: Plan } };

/** A nominee in the export's report (`--json`): written where, by what; or why not. */
export interface NomineeOutcome {
  file: string;
  sheet: string;
  row: number;
  name: string;
  /** The id of the plan that judged the nominee, when the check says. */
  plan?: string;
  status: 'written' | 'blocked' | 'duplicate' | 'not-eligible';
  /** Row of the filled template. */
  templateRow?: number;
  subject?: { name: string; by: string };
  award?: { name: string; by: string };
  why: string[];
}

export interface Blocked {
  kind: MappingKind;
  value: string;
  candidates: string[];
  why: string;
}

export function lookupOf(shape: TemplateShape, source: number | undefined): TemplateLookup | undefined {
  return source === undefined ? undefined : shape.lookups.find((l) => l.source === source);
}

function textOf(n: Nominee, header: string): string {
  const cell = n.cells.get(header);
  return cell ? cellText(cell).trim() : '';
}

function foldWords(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, ' ');
}

type Filled = { fills: Map<number, CellFill>; subject: { name: string; by: string }; award: { name: string; by: string } };

/**
 * The template's cells for one nominee, or every value that blocks it (never a guess). The award
 * form goes through the plan that judged the nominee (its own forms, its `catalogueName`); `plan`
 * only for a nominee that does not say.
 */
export function fillsFor(n: Nominee, shape: TemplateShape, stt: number, plan: Plan, catalogues: Catalogues, mapping: MappingIndex): Filled | { blocked: Blocked[] } {
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
  const blocked: Blocked[] = [];
  const subjectText = textOf(n, COL.subject);
  const subject = resolveSubject(subjectText, catalogues.subject, mapping);
  if ('blocked' in subject) blocked.push(subject);
  const award = resolveAward(n.plan?.plan ?? plan, textOf(n, COL.proposed), n.decision.proposed, catalogues.award, mapping);
  if ('blocked' in award) blocked.push(award);
  // "Phân loại khen thưởng": individual, collective or household, by the catalogue's words.
  const kindLookup = lookupOf(shape, c.kind);
  let kindName: string | undefined;
  if (kindLookup) {
    const group = groupOf(n.decision.subject, n.plan);
    const words = n.decision.subject === 'ho-gia-dinh' ? 'ho gia dinh' : group === 'collective' ? 'tap the' : 'ca nhan';
    const found = kindLookup.entries.filter((e) => foldWords(e.name).includes(words));
    if (found.length === 1) kindName = found[0].name;
    else blocked.push({ kind: 'subject', value: subjectText, candidates: [], why: `không xác định được phân loại khen thưởng (${words}) trong danh mục ${kindLookup.sheet} của mẫu nhập` });
  }
  if (blocked.length || 'blocked' in subject || 'blocked' in award) return { blocked };
  chosen(c.subject, subject.name);
  chosen(c.proposed, award.name);
  if (kindName !== undefined) chosen(c.kind, kindName);
  if (c.stt !== undefined) fills.set(c.stt, { number: stt });
  put(c.name, n.decision.name ?? textOf(n, COL.name));
  // The list's "Chức vụ, đơn vị công tác" is one text: it goes to the unit column as written.
  put(c.unit, textOf(n, COL.unit));
  return { fills, subject: { name: subject.name, by: subject.by }, award: { name: award.name, by: award.by } };
}

/** The catalogue entries the template's subject and award-form lookups offer. */
export function templateCatalogues(shape: TemplateShape): Catalogues {
  return {
    subject: lookupOf(shape, shape.columns.subject)?.entries.map((e) => e.name) ?? [],
    award: lookupOf(shape, shape.columns.proposed)?.entries.map((e) => e.name) ?? [],
  };
}

export interface ExportPlan {
  /** Template row → column → fill. */
  fills: Map<number, Map<number, CellFill>>;
  /** Every nominee: eligible ones written, blocked or duplicates, in list order; then the others. */
  outcomes: NomineeOutcome[];
  /** One row per distinct blocked value, with the rows it blocked. */
  pending: MappingRow[];
  /** Mapping choices that carried rows, with how many. */
  used: { choice: { kind: MappingKind; value: string; choice: string }; rows: number }[];
  eligible: number;
}

/** What the export writes, for these nominees, into this template, under this plan (each nominee's own, when it says) and mapping. */
export function planExport(nominees: readonly Nominee[], shape: TemplateShape, plan: Plan, mapping: MappingIndex): ExportPlan {
  const catalogues = templateCatalogues(shape);
  const eligible = nominees.filter((n) => n.decision.status === 'eligible');
  const duplicates = findDuplicates(eligible);
  /** Who was written: the same nominee again is reported, not written twice. */
  const writtenAt = new Map<string, number>();
  const fills = new Map<number, Map<number, CellFill>>();
  const outcomes: NomineeOutcome[] = [];
  const unresolved = new MappingRows();
  let row = shape.firstDataRow;
  eligible.forEach((n, i) => {
    const where = `${n.file}, dòng ${n.row}`;
    const base = { file: n.file, sheet: n.sheet, row: n.row, name: n.decision.name ?? '', ...judgedBy(n) };
    const key = identityKey(n);
    const earlier = key === null ? undefined : writtenAt.get(key);
    if (earlier !== undefined) {
      outcomes.push({ ...base, status: 'duplicate', why: [`${duplicates[i]}; đã ghi một lần (${eligible[earlier].file}, dòng ${eligible[earlier].row})`] });
      return;
    }
    const got = fillsFor(n, shape, row - shape.firstDataRow + 1, plan, catalogues, mapping);
    if ('blocked' in got) {
      for (const b of got.blocked) unresolved.add(b.kind, b.value, b.candidates, where);
      outcomes.push({ ...base, status: 'blocked', why: got.blocked.map((b) => `${MAPPING_KIND_LABELS[b.kind]} “${b.value || '(trống)'}”: ${b.why}`) });
      return;
    }
    if (key !== null) writtenAt.set(key, i);
    outcomes.push({ ...base, status: 'written', templateRow: row, subject: got.subject, award: got.award, why: [] });
    fills.set(row++, got.fills);
  });
  for (const n of nominees) {
    if (n.decision.status !== 'eligible') outcomes.push({ file: n.file, sheet: n.sheet, row: n.row, name: n.decision.name ?? '', ...judgedBy(n), status: 'not-eligible', why: [n.decision.status] });
  }
  return { fills, outcomes, pending: unresolved.list(), used: [...mapping.used.values()], eligible: eligible.length };
}

const judgedBy = (n: Nominee): { plan?: string } => (n.plan ? { plan: n.plan.plan.id } : {});

/** How many nominees each plan judged, and what became of them; in the plans' order. */
export interface PlanExportCounts {
  plan: string;
  nominees: number;
  eligible: number;
  written: number;
  blocked: number;
  duplicates: number;
  notEligible: number;
}

/** The export's outcomes counted per judging plan (several plans judged the lists, issue 18). */
export function countsByPlan(outcomes: readonly NomineeOutcome[], plans: readonly string[]): PlanExportCounts[] {
  const counts = new Map(plans.map((plan) => [plan, { plan, nominees: 0, eligible: 0, written: 0, blocked: 0, duplicates: 0, notEligible: 0 }]));
  for (const o of outcomes) {
    const c = o.plan === undefined ? undefined : counts.get(o.plan);
    if (!c) continue;
    c.nominees++;
    if (o.status === 'not-eligible') c.notEligible++;
    else {
      c.eligible++;
      if (o.status === 'written') c.written++;
      else if (o.status === 'blocked') c.blocked++;
      else c.duplicates++;
    }
  }
  return [...counts.values()];
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]);

/** The package part of a sheet, by its name (workbook.xml and its relationships). */
export async function sheetPartOf(zip: JSZip, sheet: string): Promise<string | undefined> {
  const wbXml = await zip.file('xl/workbook.xml')?.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (!wbXml || !rels) return undefined;
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\sr:id="([^"]*)"/.exec(m[0])?.[1];
    if (name === undefined || id === undefined || unescapeXml(name) !== sheet) continue;
    for (const r of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      if (/\sId="([^"]*)"/.exec(r[0])?.[1] !== id) continue;
      const target = unescapeXml(/\sTarget="([^"]*)"/.exec(r[0])?.[1] ?? '');
      return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    }
  }
  return undefined;
}

/** The template's package with the rows filled: the list sheet's part patched, every other part as it was. */
export async function filledTemplate(bytes: Uint8Array | ArrayBuffer, shape: TemplateShape, fills: ExportPlan['fills'], part?: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const sheetPart = part ?? (await sheetPartOf(zip, shape.sheet));
  if (!sheetPart) throw new Error(`the template has no part for sheet ${shape.sheet}`);
  const formulas = (r: number) => new Map(shape.lookups.map((l) => [l.col, formulaForRow(l.formula, shape.firstDataRow, r)]));
  await replacePart(zip, sheetPart, (xml) => fillSheetXml(xml, fills, formulas));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
