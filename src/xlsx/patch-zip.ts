/**
 * The checked copy made in memory with JSZip, for the page outside Excel: the same plan, sheet
 * transform and parts as the command line's streaming writer (src/cli/patch-writer.ts), so the
 * two copies cannot differ. No node:* here: it runs in the browser.
 */
import JSZip from 'jszip';
import { addedParts, planCopy } from './copy-plan';
import { Explanations } from './explanation-sheet';
import { officeDocumentPath, relsPathOf } from './package';
import { assertRoomForResults, type PatchRow, type PatchSpec } from './patch-spec';
import { patchSheetXml } from './sheet-stream';
import { StyleBook } from './styles';

/** Zip entry names are case-insensitive in OPC; the entry a part name means. */
export function entryName(zip: JSZip, part: string): string | undefined {
  if (zip.files[part]) return part;
  const lower = part.toLowerCase();
  return Object.keys(zip.files).find((n) => n.toLowerCase() === lower);
}

export async function readEntry(zip: JSZip, part: string): Promise<string | null> {
  const name = entryName(zip, part);
  return name && !zip.files[name].dir ? zip.files[name].async('string') : null;
}

/** The checked copy of the workbook `data`: results of `rows` (increasing row order) patched in. */
export async function patchWorkbook(data: ArrayBuffer | Uint8Array, spec: PatchSpec, rows: Iterable<PatchRow>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(data);
  const workbookPath = officeDocumentPath(await readEntry(zip, '_rels/.rels'));
  const workbookName = entryName(zip, workbookPath);
  const relsName = entryName(zip, relsPathOf(workbookPath));
  const ctName = entryName(zip, '[Content_Types].xml');
  if (!workbookName || !relsName || !ctName) throw new Error(`not a workbook package (no ${!workbookName ? workbookPath : !relsName ? 'workbook relationships' : '[Content_Types].xml'})`);
  const plan = await planCopy(
    {
      workbookPath,
      workbookXml: await zip.files[workbookName].async('string'),
      workbookRelsXml: await zip.files[relsName].async('string'),
      contentTypesXml: await zip.files[ctName].async('string'),
    },
    spec,
    (p) => entryName(zip, p) !== undefined,
    (p) => readEntry(zip, p),
  );
  spec = plan.firstCol ? { ...spec, firstCol: plan.firstCol } : spec;
  assertRoomForResults(spec.firstCol);
  const sheetName = entryName(zip, plan.sheetPath);
  if (!sheetName) throw new Error(`the part of sheet "${spec.sheetName}" (${plan.sheetPath}) is missing`);
  const styles = new StyleBook(plan.stylesExisted ? await readEntry(zip, plan.stylesPath) : null);
  const explanations = new Explanations(plan.explanationName ?? '', spec.sheetName, undefined, spec.explanationHeading);
  let sheet = '';
  const list = [...rows];
  const lastRow = list.reduce((m, r) => Math.max(m, r.row), 0);
  for await (const piece of patchSheetXml([await zip.files[sheetName].async('string')], spec, styles, list, { explanations, lastRow })) sheet += piece;
  zip.file(sheetName, sheet);
  zip.file(entryName(zip, plan.stylesPath) ?? plan.stylesPath, styles.toXml());
  zip.file(workbookName, plan.workbookXml);
  zip.file(relsName, plan.workbookRelsXml);
  zip.file(ctName, plan.contentTypesXml);
  for (const r of plan.removed) {
    const name = entryName(zip, r);
    if (name) zip.remove(name);
  }
  for (const part of addedParts(plan, spec, styles, explanations)) zip.file(entryName(zip, part.path) ?? part.path, [...part.pieces()].join(''));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
