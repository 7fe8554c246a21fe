/**
 * Looking inside an .xlsx package without exceljs: every XML part checked for well-formedness with
 * saxes (a strict XML 1.0 parser), the formulas of every sheet, the data validations.
 */
import JSZip from 'jszip';
import path from 'node:path';
import { SaxesParser, type SaxesTagNS } from 'saxes';

export async function xmlParts(buf: Buffer | ArrayBuffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    if (!zip.files[name].dir && /\.(xml|rels|vml)$/i.test(name)) out.set(name, await zip.files[name].async('string'));
  }
  return out;
}

/** The first well-formedness error of an XML text, or null. */
export function xmlError(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: true });
  let error: string | null = null;
  parser.on('error', (e) => {
    if (error === null) error = e.message;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    error ??= (e as Error).message;
  }
  return error;
}

/** Sheet name → part name, from workbook.xml and its relationships. */
export function sheetParts(parts: Map<string, string>): Map<string, string> {
  const rels = new Map<string, string>();
  for (const m of (parts.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) rels.set(id, target.startsWith('/') ? target.slice(1) : path.posix.join('xl', target));
  }
  const out = new Map<string, string>();
  for (const m of (parts.get('xl/workbook.xml') ?? '').matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    if (name !== undefined && rid && rels.has(rid)) out.set(decode(name), rels.get(rid) as string);
  }
  return out;
}

function decode(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string);
}

interface SheetScan {
  /** "A1=SUM(B1:B3)" per cell holding a formula (shared ones with their attributes). */
  formulas: string[];
  /** Data validations: type and formula1. */
  validations: { type: string; formula1: string }[];
  /** Cell types seen ("s", "inlineStr", "str", "n", "b", "e"). */
  types: Set<string>;
}

/** Walks one worksheet's XML. */
export function scanSheet(xml: string): SheetScan {
  const parser = new SaxesParser({ xmlns: true });
  const scan: SheetScan = { formulas: [], validations: [], types: new Set() };
  let cellRef = '';
  let inF: { attrs: string; text: string } | null = null;
  let validation: { type: string; formula1: string } | null = null;
  let inFormula1 = false;
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attr = (n: string) => (tag.attributes[n] as { value: string } | undefined)?.value;
    if (tag.local === 'c') {
      cellRef = attr('r') ?? '';
      scan.types.add(attr('t') ?? 'n');
    } else if (tag.local === 'f') {
      inF = { attrs: ['t', 'si', 'ref'].map((n) => (attr(n) ? `${n}=${attr(n)}` : '')).filter(Boolean).join(','), text: '' };
    } else if (tag.local === 'dataValidation') {
      validation = { type: attr('type') ?? '', formula1: '' };
    } else if (tag.local === 'formula1') inFormula1 = true;
  });
  parser.on('text', (t) => {
    if (inF) inF.text += t;
    if (inFormula1 && validation) validation.formula1 += t;
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    if (tag.local === 'f' && inF) {
      scan.formulas.push(`${cellRef}=${inF.text}${inF.attrs ? ` [${inF.attrs}]` : ''}`);
      inF = null;
    } else if (tag.local === 'formula1') inFormula1 = false;
    else if (tag.local === 'dataValidation' && validation) {
      scan.validations.push(validation);
      validation = null;
    }
  });
  parser.write(xml).close();
  return scan;
}

/** "Sheet!A1=FORMULA" for every formula of every sheet of a package, sorted. */
export function allFormulas(parts: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [sheet, part] of sheetParts(parts)) for (const f of scanSheet(parts.get(part) ?? '').formulas) out.push(`${sheet}!${f}`);
  return out.sort();
}
