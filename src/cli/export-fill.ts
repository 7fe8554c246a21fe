/**
 * One nominee's cells in an import template (issue 21): its subject and award form as catalogue
 * entries chosen by the list, the plan or the office's mapping (core/catalogue-export), the
 * "Phân loại khen thưởng" by the catalogue's words, and the text columns as the list writes them.
 */
import type { MappingIndex, MappingKind, Catalogues } from '../core/catalogue-export';
import { resolveAward, resolveSubject } from '../core/catalogue-export';
import { COL } from '../core/columns';
import { groupOf } from '../core/merge';
import type { Plan } from '../core/plan-schema';
import { fold } from '../core/text';
import { cellText } from '../core/values';
import type { CellFill, TemplateLookup, TemplateShape } from '../xlsx/import-template';
import type { Nominee } from './merge-collect';

/** A nominee in the export's report (`--json`): written where, by what; or why not. */
export interface NomineeOutcome {
  file: string;
  sheet: string;
  row: number;
  name: string;
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

/** The template's cells for one nominee, or every value that blocks it (never a guess). */
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
  const award = resolveAward(plan, textOf(n, COL.proposed), n.decision.proposed, catalogues.award, mapping);
  if ('blocked' in award) blocked.push(award);
  // "Phân loại khen thưởng": individual, collective or household, by the catalogue's words.
  const kindLookup = lookupOf(shape, c.kind);
  let kindName: string | undefined;
  if (kindLookup) {
    const group = groupOf(n.decision.subject);
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
