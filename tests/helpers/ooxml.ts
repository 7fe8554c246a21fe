/**
 * A strict check of the OOXML rules Excel enforces when it opens a file (and "repairs" away what
 * breaks them), run on every file the product writes. It parses each part with a real XML parser
 * (saxes, namespaces checked) and knows the schema orders it needs; it does not import the
 * product's own constants, so a wrong constant there cannot hide here.
 */
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

export interface El {
  name: string;
  /** Local name. */
  local: string;
  uri: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** The part as a tree; throws with the parser's message when it is not well-formed. */
export function parseXml(xml: string): El {
  const parser = new SaxesParser({ xmlns: true });
  const root: El = { name: '#doc', local: '#doc', uri: '', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (t) => {
    const attrs: Record<string, string> = {};
    for (const [k, a] of Object.entries(t.attributes)) attrs[k] = (a as { value: string }).value;
    const el: El = { name: t.name, local: t.local ?? t.name, uri: t.uri ?? '', attrs, children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('text', (s) => {
    stack[stack.length - 1].text += s;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (error) throw error;
  return root.children[0];
}

const kids = (el: El, local: string) => el.children.filter((c) => c.local === local);
const kid = (el: El, local: string) => el.children.find((c) => c.local === local);
/** An attribute by local name, whatever its prefix ("r:id"). */
const attr = (el: El, local: string) => Object.entries(el.attrs).find(([k]) => k === local || k.endsWith(`:${local}`))?.[1];

const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection',
  'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells',
  'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup',
  'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing',
  'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts',
  'extLst',
];
/** Children that may repeat (all others at most once). */
const REPEATABLE = new Set(['conditionalFormatting']);
const SHEETPR_ORDER = ['tabColor', 'outlinePr', 'pageSetUpPr'];
const STYLE_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

interface Rect {
  c1: number;
  r1: number;
  c2: number;
  r2: number;
}

function col(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export function rect(ref: string): Rect {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref);
  if (!m) throw new Error(`bad reference "${ref}"`);
  const c1 = col(m[1]);
  const r1 = Number(m[2]);
  return { c1, r1, c2: m[3] ? col(m[3]) : c1, r2: m[4] ? Number(m[4]) : r1 };
}

const overlap = (a: Rect, b: Rect) => a.c1 <= b.c2 && b.c1 <= a.c2 && a.r1 <= b.r2 && b.r1 <= a.r2;

function dir(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

function resolve(from: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir(from) + target).split('/');
  const out: string[] = [];
  for (const s of parts) {
    if (s === '..') out.pop();
    else if (s && s !== '.') out.push(s);
  }
  return out.join('/');
}

function relsOf(part: string): string {
  return `${dir(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`;
}

function countMatches(problems: string[], where: string, el: El | undefined, child: string): void {
  if (!el || el.attrs.count === undefined) return;
  const n = kids(el, child).length;
  if (Number(el.attrs.count) !== n) problems.push(`${where}: <${el.local} count="${el.attrs.count}"> holds ${n} <${child}>`);
}

function checkOrder(problems: string[], where: string, el: El, order: string[], repeatable = REPEATABLE): void {
  let last = -1;
  let lastName = '';
  for (const c of el.children) {
    const i = order.indexOf(c.local);
    if (i < 0) {
      if (c.local !== 'AlternateContent') problems.push(`${where}: unknown child <${c.name}> of <${el.local}>`);
      continue;
    }
    if (i < last || (i === last && !repeatable.has(c.local))) problems.push(`${where}: <${c.local}> after <${lastName}> in <${el.local}>`);
    last = i;
    lastName = c.local;
  }
}

/** Every problem found in the package, as "part: what" lines; empty when it is sound. */
export async function ooxmlProblems(data: Buffer | Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(data);
  const problems: string[] = [];
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const trees = new Map<string, El>();
  for (const n of names) {
    if (!/\.(xml|rels|vml)$/i.test(n)) continue;
    try {
      trees.set(n, parseXml(await zip.files[n].async('string')));
    } catch (e) {
      problems.push(`${n}: not well-formed XML (${(e as Error).message})`);
    }
  }
  const ct = trees.get('[Content_Types].xml');
  if (!ct) return [...problems, '[Content_Types].xml missing'];
  const overrides = new Map(kids(ct, 'Override').map((o) => [o.attrs.PartName.replace(/^\//, '').toLowerCase(), o.attrs.ContentType]));
  const defaults = new Map(kids(ct, 'Default').map((d) => [d.attrs.Extension.toLowerCase(), d.attrs.ContentType]));
  const typeOf = (p: string) => overrides.get(p.toLowerCase()) ?? defaults.get(p.slice(p.lastIndexOf('.') + 1).toLowerCase());
  for (const p of overrides.keys()) if (!names.some((n) => n.toLowerCase() === p)) problems.push(`[Content_Types].xml: override for a missing part /${p}`);
  for (const n of names) if (n !== '[Content_Types].xml' && !typeOf(n)) problems.push(`${n}: no content type`);

  // Relationships: targets exist, every part is reachable from the package root.
  const reached = new Set<string>(['[Content_Types].xml']);
  const relTargets = new Map<string, Map<string, { type: string; target: string }>>();
  const walk = (part: string) => {
    const relsPath = part === '' ? '_rels/.rels' : relsOf(part);
    const rels = trees.get(relsPath);
    if (!rels) return;
    reached.add(relsPath);
    const map = new Map<string, { type: string; target: string }>();
    relTargets.set(part, map);
    for (const r of kids(rels, 'Relationship')) {
      if (map.has(r.attrs.Id)) problems.push(`${relsPath}: relationship Id ${r.attrs.Id} twice`);
      if (r.attrs.TargetMode === 'External') continue;
      const t = resolve(part, decodeURI(r.attrs.Target));
      map.set(r.attrs.Id, { type: r.attrs.Type, target: t });
      if (!names.includes(t)) {
        problems.push(`${relsPath}: ${r.attrs.Id} points at missing ${t}`);
        continue;
      }
      if (!reached.has(t)) {
        reached.add(t);
        walk(t);
      }
    }
  };
  walk('');
  for (const n of names) if (!reached.has(n)) problems.push(`${n}: not reachable from any relationship`);

  // Styles: counts and the number of cell formats (for the sheets' s="…").
  let xfCount = Infinity;
  for (const [n, t] of trees) {
    if (t.local !== 'styleSheet') continue;
    checkOrder(problems, n, t, STYLE_ORDER);
    const pairs: [string, string][] = [['numFmts', 'numFmt'], ['fonts', 'font'], ['fills', 'fill'], ['borders', 'border'], ['cellStyleXfs', 'xf'], ['cellXfs', 'xf'], ['cellStyles', 'cellStyle'], ['dxfs', 'dxf']];
    for (const [a, b] of pairs) countMatches(problems, n, kid(t, a), b);
    const len = (a: string, b: string) => (kid(t, a) ? kids(kid(t, a)!, b).length : 0);
    const fonts = len('fonts', 'font');
    const fills = len('fills', 'fill');
    const borders = len('borders', 'border');
    xfCount = len('cellXfs', 'xf');
    for (const xf of kid(t, 'cellXfs') ? kids(kid(t, 'cellXfs')!, 'xf') : []) {
      if (Number(xf.attrs.fontId ?? 0) >= fonts) problems.push(`${n}: cellXfs fontId ${xf.attrs.fontId} of ${fonts} fonts`);
      if (Number(xf.attrs.fillId ?? 0) >= fills) problems.push(`${n}: cellXfs fillId ${xf.attrs.fillId} of ${fills} fills`);
      if (Number(xf.attrs.borderId ?? 0) >= borders) problems.push(`${n}: cellXfs borderId ${xf.attrs.borderId} of ${borders} borders`);
    }
  }
  for (const [n, t] of trees) {
    if (t.local !== 'sst') continue;
    const si = kids(t, 'si').length;
    if (t.attrs.uniqueCount !== undefined && Number(t.attrs.uniqueCount) !== si) problems.push(`${n}: uniqueCount ${t.attrs.uniqueCount}, ${si} strings`);
  }

  // Workbook: unique sheet names and ids, each sheet's part.
  const sheetNames = new Set<string>();
  for (const [n, t] of trees) {
    if (t.local !== 'workbook') continue;
    const ids = new Set<string>();
    for (const s of kid(t, 'sheets') ? kids(kid(t, 'sheets')!, 'sheet') : []) {
      const nm = s.attrs.name.toUpperCase();
      if (sheetNames.has(nm)) problems.push(`${n}: sheet name "${s.attrs.name}" twice`);
      sheetNames.add(nm);
      if (ids.has(s.attrs.sheetId)) problems.push(`${n}: sheetId ${s.attrs.sheetId} twice`);
      ids.add(s.attrs.sheetId);
      if (!relTargets.get(n)?.get(attr(s, 'id') ?? '')) problems.push(`${n}: sheet "${s.attrs.name}" has no part`);
    }
  }

  // Worksheets.
  for (const [n, t] of trees) {
    if (t.local !== 'worksheet') continue;
    checkOrder(problems, n, t, WORKSHEET_ORDER);
    const pr = kid(t, 'sheetPr');
    if (pr) checkOrder(problems, n, pr, SHEETPR_ORDER);
    let lastRow = 0;
    for (const row of kids(kid(t, 'sheetData') ?? t, 'row')) {
      const r = Number(row.attrs.r ?? lastRow + 1);
      if (r <= lastRow) problems.push(`${n}: row ${r} after row ${lastRow}`);
      lastRow = r;
      if (row.attrs.customHeight === '1' && !(Number(row.attrs.ht) > 0 && Number(row.attrs.ht) <= 409)) problems.push(`${n}: row ${r} height ${row.attrs.ht}`);
      let lastCol = 0;
      for (const c of kids(row, 'c')) {
        const cc = c.attrs.r ? rect(c.attrs.r) : { c1: lastCol + 1, r1: r };
        if (cc.r1 !== r || cc.c1 <= lastCol) problems.push(`${n}: cell ${c.attrs.r} out of place in row ${r}`);
        lastCol = cc.c1;
        if (c.attrs.s !== undefined && Number(c.attrs.s) >= xfCount) problems.push(`${n}: cell ${c.attrs.r} style ${c.attrs.s} of ${xfCount}`);
      }
    }
    const cols = kid(t, 'cols');
    let lastMax = 0;
    for (const c of cols ? kids(cols, 'col') : []) {
      if (Number(c.attrs.min) <= lastMax || Number(c.attrs.max) < Number(c.attrs.min)) problems.push(`${n}: <col min="${c.attrs.min}" max="${c.attrs.max}"> overlaps or is out of order`);
      lastMax = Number(c.attrs.max);
    }
    const noOverlap = (what: string, refs: string[]) => {
      const rs = refs.map(rect);
      for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) if (overlap(rs[i], rs[j])) problems.push(`${n}: ${what} ${refs[i]} overlaps ${refs[j]}`);
    };
    const merges = kid(t, 'mergeCells');
    countMatches(problems, n, merges, 'mergeCell');
    if (merges) noOverlap('merge', kids(merges, 'mergeCell').map((m) => m.attrs.ref));
    const dvs = kid(t, 'dataValidations');
    countMatches(problems, n, dvs, 'dataValidation');
    if (dvs) noOverlap('data validation', kids(dvs, 'dataValidation').flatMap((d) => d.attrs.sqref.split(/\s+/)));
    const links = kid(t, 'hyperlinks');
    if (links) {
      noOverlap('hyperlink', kids(links, 'hyperlink').map((h) => h.attrs.ref));
      for (const h of kids(links, 'hyperlink')) {
        const loc = h.attrs.location;
        if (loc) {
          const sheet = /^'((?:[^']|'')+)'!|^([^!]+)!/.exec(loc);
          const name = (sheet?.[1]?.replace(/''/g, "'") ?? sheet?.[2] ?? '').toUpperCase();
          if (!sheetNames.has(name)) problems.push(`${n}: hyperlink ${h.attrs.ref} to a missing sheet (${loc})`);
        } else if (!relTargets.get(n)?.has(attr(h, 'id') ?? '') && !trees.get(relsOf(n))) problems.push(`${n}: hyperlink ${h.attrs.ref} has neither location nor relationship`);
      }
    }
    const drawing = kid(t, 'drawing');
    if (drawing) {
      const target = relTargets.get(n)?.get(attr(drawing, 'id') ?? '');
      if (!target || !/\/drawing$/.test(target.type)) problems.push(`${n}: <drawing> relationship missing or not a drawing`);
      else if (typeOf(target.target) !== 'application/vnd.openxmlformats-officedocument.drawing+xml') problems.push(`${target.target}: wrong content type for a drawing`);
    }
  }

  // Drawings: each chart frame's relationship leads to a chart part.
  for (const [n, t] of trees) {
    if (t.local !== 'wsDr') continue;
    const stack = [t];
    while (stack.length) {
      const e = stack.pop()!;
      stack.push(...e.children);
      if (e.local === 'chart' && e.uri.endsWith('/chart')) {
        const target = relTargets.get(n)?.get(attr(e, 'id') ?? '');
        if (!target || !/\/chart$/.test(target.type)) problems.push(`${n}: chart frame without a chart relationship`);
        else if (typeOf(target.target) !== 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml') problems.push(`${target.target}: wrong content type for a chart`);
      }
    }
  }
  return problems;
}
