/** Package plumbing: workbook.xml, relationships and [Content_Types].xml. */
import { MAIN_NS, REL_NS, STYLES_CT, STYLES_REL, SUMMARY_SHEET_BASE, WORKSHEET_CT, WORKSHEET_REL } from './patch-spec';
import { CHART_CT, DRAWING_CT } from './chart';
import { EXPLANATION_SHEET_BASE } from './explanation-sheet';
import { childElements, decodeXml, escapeAttr, findElement, getAttr, prefixOf, reEscape, tagEnd } from './xml';
// Package: workbook, relationships, content types

export interface SheetEntry {
  name: string;
  sheetId: number;
  rId: string;
}

/** The sheets listed in workbook.xml, names decoded. */
export function workbookSheets(workbookXml: string): SheetEntry[] {
  const p = prefixOf(workbookXml, 'workbook');
  const sheets = findElement(workbookXml, `${p}sheets`);
  if (!sheets) return [];
  return childElements(workbookXml, sheets, `${p}sheet`).map((el) => {
    const tag = el.slice(0, tagEnd(el, 0));
    const rid = /\s[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag);
    return { name: decodeXml(getAttr(tag, 'name') ?? ''), sheetId: Number(getAttr(tag, 'sheetId') ?? 0), rId: decodeXml(rid?.[1] ?? rid?.[2] ?? '') };
  });
}

export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toUpperCase()));
  let name = base;
  for (let i = 2; used.has(name.toUpperCase()); i++) name = `${base} ${i}`;
  return name;
}

/** Adds a `<sheet>` at the end of `<sheets>`, with the relationship prefix the workbook already uses. */
export function addSheetToWorkbook(workbookXml: string, name: string, sheetId: number, rId: string): string {
  const p = prefixOf(workbookXml, 'workbook');
  const sheets = findElement(workbookXml, `${p}sheets`);
  if (!sheets) throw new Error('workbook.xml has no <sheets>');
  const used = /\s([\w.-]+):id\s*=/.exec(childElements(workbookXml, sheets, `${p}sheet`)[0] ?? '');
  const declared = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${reEscape(REL_NS)}["']`).exec(workbookXml);
  const rp = used?.[1] ?? declared?.[1];
  const idAttr = rp ? `${rp}:id="${escapeAttr(rId)}"` : `xmlns:r="${REL_NS}" r:id="${escapeAttr(rId)}"`;
  const el = `<${p}sheet name="${escapeAttr(name)}" sheetId="${sheetId}" ${idAttr}/>`;
  if (sheets.selfClosing) return `${workbookXml.slice(0, sheets.start)}${sheets.open.slice(0, -2).trimEnd()}>${el}</${p}sheets>${workbookXml.slice(sheets.end)}`;
  return workbookXml.slice(0, sheets.closeStart) + el + workbookXml.slice(sheets.closeStart);
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function relationships(relsXml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship(?=[\s/>])[^>]*>/g)) {
    const t = m[0];
    out.push({
      id: decodeXml(getAttr(t, 'Id') ?? ''),
      type: decodeXml(getAttr(t, 'Type') ?? ''),
      target: decodeXml(getAttr(t, 'Target') ?? ''),
      external: getAttr(t, 'TargetMode') === 'External',
    });
  }
  return out;
}

/** An Id no relationship uses yet: rId + one more than the largest rIdN. */
export function nextRelId(relsXml: string): string {
  const rels = relationships(relsXml);
  const ids = new Set(rels.map((r) => r.id));
  let n = Math.max(0, ...rels.map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0))) + 1;
  while (ids.has(`rId${n}`)) n++;
  return `rId${n}`;
}

function appendChild(xml: string, rootLocal: string, child: string): string {
  const p = prefixOf(xml, rootLocal);
  const root = findElement(xml, `${p}${rootLocal}`);
  if (!root) throw new Error(`no <${rootLocal}> element`);
  const el = child.replace(/^</, `<${p}`);
  if (root.selfClosing) return `${xml.slice(0, root.start)}${root.open.slice(0, -2).trimEnd()}>${el}</${p}${rootLocal}>${xml.slice(root.end)}`;
  return xml.slice(0, root.closeStart) + el + xml.slice(root.closeStart);
}

export function addRelationship(relsXml: string, id: string, type: string, target: string): string {
  return appendChild(relsXml, 'Relationships', `<Relationship Id="${escapeAttr(id)}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`);
}

export function addContentTypeOverride(ctXml: string, partName: string, contentType: string): string {
  return appendChild(ctXml, 'Types', `<Override PartName="${escapeAttr(partName)}" ContentType="${escapeAttr(contentType)}"/>`);
}

/** Content type the [Content_Types].xml gives a part, or undefined. */
export function removeContentTypeOverride(ctXml: string, part: string): string {
  const name = `/${part}`.toLowerCase();
  return ctXml.replace(/<(?:[\w.-]+:)?Override(?=[\s/>])[^>]*>/g, (m) => (decodeXml(getAttr(m, 'PartName') ?? '').toLowerCase() === name ? '' : m));
}

export function contentTypeOf(ctXml: string, part: string): string | undefined {
  const name = `/${part}`.toLowerCase();
  for (const m of ctXml.matchAll(/<(?:[\w.-]+:)?Override(?=[\s/>])[^>]*>/g)) {
    if (decodeXml(getAttr(m[0], 'PartName') ?? '').toLowerCase() === name) return decodeXml(getAttr(m[0], 'ContentType') ?? '');
  }
  return undefined;
}

/** Folder of a part, with its trailing slash ("xl/workbook.xml" → "xl/"). */
export function partDir(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

export function relsPathOf(part: string): string {
  return `${partDir(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`;
}

/** A relationship target resolved against the source part's folder, as a zip entry name. */
export function resolveTarget(dir: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all.
  }
  const parts = (t.startsWith('/') ? t.slice(1) : dir + t).split('/');
  const out: string[] = [];
  for (const s of parts) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}

/** The workbook part named by the package's _rels/.rels. */
export function officeDocumentPath(rootRelsXml: string | null): string {
  const rel = rootRelsXml ? relationships(rootRelsXml).find((r) => /\/officeDocument$/.test(r.type)) : undefined;
  return rel ? resolveTarget('', rel.target) : 'xl/workbook.xml';
}

export interface PackageParts {
  workbookPath: string;
  workbookXml: string;
  workbookRelsXml: string;
  contentTypesXml: string;
}

export interface PackagePlan {
  sheetPath: string;
  stylesPath: string;
  /** False when the package had no styles part: it is registered here and must be written. */
  stylesExisted: boolean;
  summaryPath: string;
  summaryName: string;
  /** The explanation sheet, when asked for. */
  explanationPath?: string;
  explanationName?: string;
  /** The summary's chart parts, when asked for. */
  chart?: { drawingPath: string; chartPath: string };
  /** Parts of an earlier check to delete (their content types are already unregistered). */
  removed: string[];
  /** Where an earlier check's result columns are, to write over them (instead of the spec's column). */
  firstCol?: number;
  workbookXml: string;
  workbookRelsPath: string;
  workbookRelsXml: string;
  contentTypesXml: string;
  /** Main namespace of the workbook, for the new sheet part. */
  mainNs: string;
}

/**
 * Where the list sheet and styles are, and the workbook, relationships and content types with the
 * summary sheet registered. `hasPart` answers for zip entry names (case-insensitively, as OPC does).
 */
export interface PlanOptions {
  /** Register an explanation sheet too. */
  explanation?: boolean;
  /** Register a drawing and a chart for the summary sheet. */
  chart?: boolean;
  /** Sheets of an earlier check to write over (by name), instead of adding "Tổng hợp 2". */
  reuse?: { summary?: string; explanation?: string };
  /** Parts of an earlier check to drop (old drawings, charts, the reused sheets' relationships). */
  removed?: string[];
}

export function planPackage(parts: PackageParts, sheetName: string, hasPart: (path: string) => boolean, opts: PlanOptions = {}): PackagePlan {
  const { workbookPath, contentTypesXml } = parts;
  let { workbookXml, workbookRelsXml } = parts;
  const dir = partDir(workbookPath);
  const sheets = workbookSheets(workbookXml);
  const sheet = sheets.find((s) => s.name === sheetName) ?? sheets.find((s) => s.name.toUpperCase() === sheetName.toUpperCase());
  if (!sheet) throw new Error(`no sheet named "${sheetName}" (sheets: ${sheets.map((s) => s.name).join(', ')})`);
  const rels = relationships(workbookRelsXml);
  const rel = rels.find((r) => r.id === sheet.rId);
  if (!rel) throw new Error(`sheet "${sheetName}" has no part in the workbook relationships`);
  if (!/\/worksheet$/.test(rel.type)) throw new Error(`sheet "${sheetName}" is not a worksheet (a chart sheet?)`);
  const sheetPath = resolveTarget(dir, rel.target);
  const stylesRel = rels.find((r) => /\/styles$/.test(r.type));
  let stylesPath = stylesRel ? resolveTarget(dir, stylesRel.target) : `${dir}styles.xml`;
  const stylesExisted = !!stylesRel && hasPart(stylesPath);
  let ct = contentTypesXml;
  if (!stylesRel) {
    stylesPath = `${dir}styles.xml`;
    workbookRelsXml = addRelationship(workbookRelsXml, nextRelId(workbookRelsXml), STYLES_REL, 'styles.xml');
  }
  if (!stylesExisted && !contentTypeOf(ct, stylesPath)) ct = addContentTypeOverride(ct, `/${stylesPath}`, STYLES_CT);

  const names = sheets.map((s) => s.name);
  const made = new Set<string>();
  const removed = new Set((opts.removed ?? []).map((r) => r.toLowerCase()));
  const free = (path: string) => !made.has(path.toLowerCase()) && (removed.has(path.toLowerCase()) || !hasPart(path));
  let sheetId = Math.max(0, ...sheets.map((s) => s.sheetId || 0));
  /** A sheet of ours: the one from an earlier check when given (same place, same tab), else a new one. */
  const sheetPart = (base: string, reuse: string | undefined): { name: string; path: string } => {
    const old = reuse ? sheets.find((s) => s.name === reuse) : undefined;
    const oldRel = old ? rels.find((r) => r.id === old.rId) : undefined;
    if (old && oldRel) return { name: old.name, path: resolveTarget(dir, oldRel.target) };
    const name = uniqueSheetName(base, names);
    names.push(name);
    let n = 1;
    while (!free(`${dir}worksheets/sheet${n}.xml`)) n++;
    const path = `${dir}worksheets/sheet${n}.xml`;
    made.add(path.toLowerCase());
    const rId = nextRelId(workbookRelsXml);
    workbookXml = addSheetToWorkbook(workbookXml, name, ++sheetId, rId);
    // The list sheet's relationship type and content type, so a strict or macro workbook stays consistent.
    workbookRelsXml = addRelationship(workbookRelsXml, rId, rel.type || WORKSHEET_REL, `worksheets/sheet${n}.xml`);
    ct = addContentTypeOverride(ct, `/${path}`, contentTypeOf(ct, sheetPath) ?? WORKSHEET_CT);
    return { name, path };
  };
  for (const r of opts.removed ?? []) ct = removeContentTypeOverride(ct, r);
  const summary = sheetPart(SUMMARY_SHEET_BASE, opts.reuse?.summary);
  const explanation = opts.explanation ? sheetPart(EXPLANATION_SHEET_BASE, opts.reuse?.explanation) : undefined;
  let chart: PackagePlan['chart'];
  if (opts.chart) {
    const next = (folder: string, stem: string) => {
      let n = 1;
      while (!free(`${dir}${folder}/${stem}${n}.xml`)) n++;
      const path = `${dir}${folder}/${stem}${n}.xml`;
      made.add(path.toLowerCase());
      return path;
    };
    chart = { drawingPath: next('drawings', 'drawing'), chartPath: next('charts', 'chart') };
    ct = addContentTypeOverride(ct, `/${chart.drawingPath}`, DRAWING_CT);
    ct = addContentTypeOverride(ct, `/${chart.chartPath}`, CHART_CT);
  }
  const wp = prefixOf(workbookXml, 'workbook');
  const rootTag = findElement(workbookXml, `${wp}workbook`)?.open ?? '';
  const ns = getAttr(rootTag, wp ? `xmlns:${wp.slice(0, -1)}` : 'xmlns');
  return {
    sheetPath,
    stylesPath,
    stylesExisted,
    summaryPath: summary.path,
    summaryName: summary.name,
    explanationPath: explanation?.path,
    explanationName: explanation?.name,
    chart,
    removed: [...(opts.removed ?? [])],
    workbookXml,
    workbookRelsPath: relsPathOf(workbookPath),
    workbookRelsXml,
    contentTypesXml: ct,
    mainNs: ns ? decodeXml(ns) : MAIN_NS,
  };
}
