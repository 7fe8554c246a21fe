/**
 * The whole checked copy as a plan: which parts to rewrite, add and drop. Checking a checked copy
 * again writes over the product's own sheets ("Tổng hợp", "Giải thích") and drops their old chart,
 * so a second check never appends "Tổng hợp 2". The zip side (src/cli/patch-writer.ts for the
 * command line, src/xlsx/patch-zip.ts in the browser) only reads and writes what this says.
 */
import { chartXml, CHART_REL, DRAWING_REL, drawingXml, singleRels } from './chart';
import { EXPLANATION_HEADER, EXPLANATION_SHEET_BASE, type Explanations } from './explanation-sheet';
import { partDir, planPackage, relationships, relsPathOf, resolveTarget, workbookSheets, type PackagePlan, type PackageParts } from './package';
import { SUMMARY_SHEET_BASE, SUMMARY_TITLE_PREFIX, type PatchSpec } from './patch-spec';
import type { StyleBook } from './styles';
import { summaryLayout, summarySheetParts } from './summary-sheet';
import { colNumber, decodeXml, escapeText } from './xml';

export type ReadPart = (path: string) => Promise<string | null>;

/** A sheet named `base` that an earlier check wrote (its marker text is in it), by name. */
async function ownSheet(parts: PackageParts, base: string, marker: string, read: ReadPart, sst: () => Promise<string | null>): Promise<{ name: string; path: string } | undefined> {
  const sheet = workbookSheets(parts.workbookXml).find((s) => s.name.toUpperCase() === base.toUpperCase());
  const rel = sheet && relationships(parts.workbookRelsXml).find((r) => r.id === sheet.rId);
  if (!sheet || !rel || !/\/worksheet$/.test(rel.type)) return undefined;
  const path = resolveTarget(partDir(parts.workbookPath), rel.target);
  const xml = await read(path);
  if (!xml) return undefined;
  const m = escapeText(marker);
  // Inline as this writer leaves it, or shared once Excel has saved the copy.
  if (xml.includes(m) || (/\st="s"/.test(xml) && (await sst())?.includes(m))) return { name: sheet.name, path };
  return undefined;
}

/** Every part reachable from `path`'s relationships (drawings, charts, their styles), depth first. */
async function reachable(path: string, read: ReadPart, into: Set<string>): Promise<void> {
  const rels = await read(relsPathOf(path));
  if (rels === null) return;
  into.add(relsPathOf(path));
  for (const r of relationships(rels)) {
    if (r.external) continue;
    const target = resolveTarget(partDir(path), r.target);
    if (into.has(target)) continue;
    into.add(target);
    await reachable(target, read, into);
  }
}

/** Plans the copy; `read` gives a part's text (null when absent), `hasPart` whether it exists. */
export async function planCopy(parts: PackageParts, spec: PatchSpec, hasPart: (path: string) => boolean, read: ReadPart): Promise<PackagePlan> {
  let sstText: Promise<string | null> | undefined;
  const sst = () => {
    if (!sstText) {
      const rel = relationships(parts.workbookRelsXml).find((r) => /\/sharedStrings$/.test(r.type));
      sstText = rel ? read(resolveTarget(partDir(parts.workbookPath), rel.target)) : Promise.resolve(null);
    }
    return sstText;
  };
  const summary = await ownSheet(parts, SUMMARY_SHEET_BASE, SUMMARY_TITLE_PREFIX, read, sst);
  const explanation = await ownSheet(parts, EXPLANATION_SHEET_BASE, EXPLANATION_HEADER, read, sst);
  const removed = new Set<string>();
  for (const s of [summary, explanation]) if (s) await reachable(s.path, read, removed);
  const plan = planPackage(parts, spec.sheetName, hasPart, {
    explanation: true,
    chart: !!summaryLayout(spec.summary, true).chart,
    reuse: { summary: summary?.name, explanation: explanation?.name },
    removed: [...removed],
  });
  // A checked copy checked again: its own result columns are written over, not appended to.
  if (summary || explanation) {
    const sheet = await read(plan.sheetPath);
    const own = sheet ? ownResultColumn(sheet, spec, await sst()) : undefined;
    if (own !== undefined) plan.firstCol = own;
  }
  return plan;
}

/** Column of the first of our five result headers in the header row, when all five are there in order. */
export function ownResultColumn(sheetXml: string, spec: PatchSpec, sstXml: string | null): number | undefined {
  const m = new RegExp(`<(?:[\\w.-]+:)?row\\b[^>]*\\sr="${spec.headerTop}"[^>]*>([^]*?)</(?:[\\w.-]+:)?row>`).exec(sheetXml);
  if (!m) return undefined;
  const strings = sstXml ? [...sstXml.matchAll(/<(?:[\w.-]+:)?si\b[^>]*>([^]*?)<\/(?:[\w.-]+:)?si>/g)].map((x) => textOf(x[1])) : [];
  const byCol = new Map<number, string>();
  for (const c of m[1].matchAll(/<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([^]*?)<\/(?:[\w.-]+:)?c>)/g)) {
    const ref = /\sr="([A-Z]+)\d+"/.exec(c[1])?.[1];
    if (!ref || !c[2]) continue;
    const shared = /\st="s"/.test(c[1]);
    const v = /<(?:[\w.-]+:)?v>([^<]*)</.exec(c[2])?.[1];
    byCol.set(colNumber(ref), shared ? (strings[Number(v)] ?? '') : textOf(c[2]));
  }
  for (const [col, text] of byCol) {
    if (text === spec.headers[0] && spec.headers.every((h, i) => byCol.get(col + i) === h)) return col;
  }
  return undefined;
}

/** The text of the <t> elements in a piece of XML, decoded. */
function textOf(xml: string): string {
  return [...xml.matchAll(/<(?:[\w.-]+:)?t\b[^>]*>([^<]*)</g)].map((t) => decodeXml(t[1])).join('');
}

export interface AddedPart {
  path: string;
  /** The part's text in pieces; called once, after the list sheet has been written. */
  pieces: () => Iterable<string>;
  /**
   * For the two parts as long as the list (the summary's review list, the explanation sheet): what
   * they are made from, so that the command line can make them in another thread (part-jobs.ts).
   */
  long?: { kind: 'summary'; drawingRelId?: string } | { kind: 'explanation' };
}

/** `target` relative to the folder of `from` ("xl/worksheets/sheet2.xml" → "../drawings/drawing1.xml"). */
function relativeTarget(from: string, target: string): string {
  const a = partDir(from).split('/').filter(Boolean);
  const b = target.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/**
 * The parts the copy adds or writes over besides the list sheet and styles: the summary sheet,
 * its chart (drawing, chart, relationships) and the explanation sheet. Pieces are lazy: the
 * explanation sheet is only complete once the list sheet has streamed past.
 */
export function addedParts(plan: PackagePlan, spec: PatchSpec, styles: StyleBook, explanations?: Explanations): AddedPart[] {
  const st = styles.fixed;
  const out: AddedPart[] = [];
  const chart = plan.chart ? summaryLayout(spec.summary, true).chart : undefined;
  const drawingRelId = chart ? 'rId1' : undefined;
  out.push({ path: plan.summaryPath, pieces: () => summarySheetParts(spec.summary, st, plan.mainNs, { fontSize: styles.fontSize, drawingRelId }), long: { kind: 'summary', drawingRelId } });
  if (chart && plan.chart) {
    const { drawingPath, chartPath } = plan.chart;
    out.push({ path: relsPathOf(plan.summaryPath), pieces: () => [singleRels('rId1', DRAWING_REL, relativeTarget(plan.summaryPath, drawingPath))] });
    out.push({ path: drawingPath, pieces: () => [drawingXml(chart, 'rId1')] });
    out.push({ path: relsPathOf(drawingPath), pieces: () => [singleRels('rId1', CHART_REL, relativeTarget(drawingPath, chartPath))] });
    out.push({ path: chartPath, pieces: () => [chartXml(chart, plan.summaryName)] });
  }
  if (plan.explanationPath && explanations) {
    out.push({ path: plan.explanationPath, pieces: () => explanations.parts(st, styles.fontSize, plan.mainNs), long: { kind: 'explanation' } });
  }
  return out;
}
