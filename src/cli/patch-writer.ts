/**
 * Writes the checked copy by patching the user's .xlsx package (src/xlsx/patch.ts) instead of
 * loading it with exceljs: the compressed package is held in memory (small), the list sheet is
 * inflated, transformed and deflated as a stream, every other entry is copied as it was stored.
 * The output goes to a temporary file beside `out`, then is renamed; `input` is only read.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import JSZip from 'jszip';
import {
  addedParts,
  Explanations,
  officeDocumentPath,
  patchSheetXml,
  planCopy,
  relsPathOf,
  StyleBook,
  type PatchRow,
  type PatchSpec,
} from '../xlsx/patch';

export type { PatchRow, PatchSpec } from '../xlsx/patch';

/** Zip entry names are case-insensitive in OPC; find the entry a part name means. */
function entryName(zip: JSZip, part: string): string | undefined {
  if (zip.files[part]) return part;
  const lower = part.toLowerCase();
  return Object.keys(zip.files).find((n) => n.toLowerCase() === lower);
}

async function readText(zip: JSZip, part: string): Promise<string | null> {
  const name = entryName(zip, part);
  return name ? zip.files[name].async('string') : null;
}

/** The part's bytes decoded as UTF-8 a chunk at a time (characters split across chunks are held back). */
async function* utf8Chunks(stream: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (first && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
      throw new Error('the list sheet is stored as UTF-16, which this writer does not patch');
    }
    first = false;
    const s = decoder.decode(chunk, { stream: true });
    if (s) yield s;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function lastRowOf(rows: AsyncIterable<PatchRow> | Iterable<PatchRow>): number | undefined {
  if (!Array.isArray(rows)) return undefined;
  let max = 0;
  for (const r of rows as PatchRow[]) max = Math.max(max, r.row);
  return max;
}

/**
 * Writes `out`: `input` with the five result columns, fills and the summary sheet of `spec`, the
 * results coming from `rows` in increasing row order (consumed once, as the sheet streams past).
 */
export async function writePatchedCopy(input: string, out: string, spec: PatchSpec, rows: AsyncIterable<PatchRow> | Iterable<PatchRow>): Promise<void> {
  if (path.resolve(input) === path.resolve(out)) throw new Error(`${out}: the checked copy cannot replace the workbook it is made from`);
  const zip = await JSZip.loadAsync(await fs.promises.readFile(input));
  const workbookPath = officeDocumentPath(await readText(zip, '_rels/.rels'));
  const workbookName = entryName(zip, workbookPath);
  const relsName = entryName(zip, relsPathOf(workbookPath));
  const ctName = entryName(zip, '[Content_Types].xml');
  if (!workbookName || !relsName || !ctName) throw new Error(`${input}: not a workbook package (no ${!workbookName ? workbookPath : !relsName ? 'workbook relationships' : '[Content_Types].xml'})`);
  const plan = await planCopy(
    {
      workbookPath,
      workbookXml: await zip.files[workbookName].async('string'),
      workbookRelsXml: await zip.files[relsName].async('string'),
      contentTypesXml: await zip.files[ctName].async('string'),
    },
    spec,
    (p) => entryName(zip, p) !== undefined,
    (p) => readText(zip, p),
  );
  spec = plan.firstCol ? { ...spec, firstCol: plan.firstCol } : spec;
  const sheetName = entryName(zip, plan.sheetPath);
  if (!sheetName) throw new Error(`${input}: the part of sheet "${spec.sheetName}" (${plan.sheetPath}) is missing`);
  const stylesName = plan.stylesExisted ? entryName(zip, plan.stylesPath)! : plan.stylesPath;
  const styles = new StyleBook(plan.stylesExisted ? await zip.files[stylesName].async('string') : null);
  const sheetEntry = zip.files[sheetName];
  const explanations = new Explanations(plan.explanationName ?? '', spec.sheetName);
  const keep = (e: JSZip.JSZipObject) => ({ date: e.date, unixPermissions: e.unixPermissions, dosPermissions: e.dosPermissions, createFolders: false, binary: true });

  // Any failure must stop the zip stream: JSZip can drop an error raised while its input is paused.
  let output: Readable | undefined;
  let stylesDone!: (b: Buffer) => void;
  let stylesFailed!: (e: unknown) => void;
  const stylesXml = new Promise<Buffer>((resolve, reject) => {
    stylesDone = resolve;
    stylesFailed = reject;
  });
  async function* sheetBytes(): AsyncGenerator<Buffer> {
    try {
      // JSZip streams are readable-stream v2 ones, without async iteration: wrap in a core Readable.
      const source = new Readable().wrap(sheetEntry.nodeStream('nodebuffer'));
      for await (const piece of patchSheetXml(utf8Chunks(source), spec, styles, rows, { lastRow: lastRowOf(rows), explanations })) yield Buffer.from(piece, 'utf8');
      // Clones of the sheet's formats are only known now: styles.xml is written after the sheet.
      stylesDone(Buffer.from(styles.toXml(), 'utf8'));
    } catch (e) {
      stylesFailed(e);
      output?.destroy(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
  }
  stylesXml.catch(() => undefined);

  const sheetStream = Readable.from(sheetBytes(), { objectMode: false });
  zip.file(sheetName, sheetStream, keep(sheetEntry));
  // Re-added at the end so that the zip stream reaches it after the sheet.
  const stylesOptions = plan.stylesExisted ? keep(zip.files[stylesName]) : { ...keep(sheetEntry) };
  if (plan.stylesExisted) zip.remove(stylesName);
  zip.file(stylesName, stylesXml, stylesOptions);
  zip.file(workbookName, Buffer.from(plan.workbookXml, 'utf8'), keep(zip.files[workbookName]));
  zip.file(relsName, Buffer.from(plan.workbookRelsXml, 'utf8'), keep(zip.files[relsName]));
  zip.file(ctName, Buffer.from(plan.contentTypesXml, 'utf8'), keep(zip.files[ctName]));
  for (const r of plan.removed) {
    const name = entryName(zip, r);
    if (name) zip.remove(name);
  }
  // Streamed: the summary's review list and the explanation sheet are as long as the list.
  for (const part of addedParts(plan, spec, styles, explanations)) {
    const name = entryName(zip, part.path) ?? part.path;
    const bytes = Readable.from((function* () { for (const piece of part.pieces()) if (piece) yield Buffer.from(piece, 'utf8'); })(), { objectMode: false });
    zip.file(name, bytes, keep(sheetEntry));
  }

  await fs.promises.mkdir(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  // JSZip's node stream is a Readable (its typing says only NodeJS.ReadableStream).
  output = zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE', compressionOptions: { level: 6 } }) as Readable;
  try {
    await pipeline(output, fs.createWriteStream(tmp));
    await fs.promises.rename(tmp, out);
  } catch (e) {
    // Closes the sheet transform, and with it the caller's rows, if the zip side failed first.
    sheetStream.destroy();
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}
