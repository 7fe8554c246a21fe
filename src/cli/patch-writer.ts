/**
 * Writes the checked copy by patching the user's .xlsx package (src/xlsx/patch.ts) instead of
 * loading it with exceljs: the package is read from the file where needed, the list sheet is
 * inflated, transformed and deflated as a stream with Node's native zlib, every other entry is
 * copied as it was stored (its compressed bytes and CRC, never recompressed). The output goes to a
 * temporary file beside `out`, then is renamed; `input` is only read.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  addedParts,
  assertRoomForResults,
  Explanations,
  officeDocumentPath,
  patchSheetXml,
  planCopy,
  relsPathOf,
  StyleBook,
  type PatchRow,
  type PatchSpec,
} from '../xlsx/patch';
import type { ExplanationStore } from '../xlsx/explanation-sheet';
import type { AddedPart } from '../xlsx/copy-plan';
import { explanationJob, summaryJob } from '../xlsx/part-jobs';
import type { CopyThread } from './copy-thread';
import type { CopySource } from './checked-copy';
import { partKind, ZipPackage, type ZipEntry } from '../xlsx/zip-read';
import { publishAsync } from './fsutil';
import { ZipWriter, type EntryMeta } from '../xlsx/zip-write';

export type { PatchRow, PatchSpec } from '../xlsx/patch';

/** The part's bytes decoded as UTF-8 a chunk at a time (characters split across chunks are held back). */
async function* utf8Chunks(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let first = true;
  for await (const chunk of stream) {
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

function metaOf(e: ZipEntry): EntryMeta {
  return { dosTime: e.dosTime, dosDate: e.dosDate, versionMadeBy: e.versionMadeBy, externalAttrs: e.externalAttrs, internalAttrs: e.internalAttrs };
}

/**
 * Writes `out`: `input` with the five result columns, fills and the summary sheet of `spec`, the
 * results coming from `rows` in increasing row order (consumed once, as the sheet streams past).
 */
export async function writePatchedCopy(
  input: string,
  out: string,
  spec: PatchSpec,
  rows: AsyncIterable<PatchRow> | Iterable<PatchRow>,
  /** Where the explanation rows wait until their sheet is written (after the list sheet). */
  store: ExplanationStore,
  /** Replace an existing `out` (--force); else the name is taken only if still free (fsutil.publish). */
  target: { overwrite: boolean; what?: string } = { overwrite: false },
  /** A thread that makes the long added parts meanwhile, into `file`, from the check's results file. */
  beside?: Beside,
): Promise<void> {
  if (path.resolve(input) === path.resolve(out)) throw new Error(`${out}: the checked copy cannot replace the workbook it is made from`);
  // Read from the file as it goes (never held whole: the list may reach Excel's last row).
  const pkg = ZipPackage.openFile(input);
  try {
    await writeFromPackage(pkg, input, out, spec, rows, store, target, beside);
  } finally {
    pkg.close();
  }
}

async function writeFromPackage(
  pkg: ZipPackage,
  input: string,
  out: string,
  spec: PatchSpec,
  rows: AsyncIterable<PatchRow> | Iterable<PatchRow>,
  store: ExplanationStore,
  target: { overwrite: boolean; what?: string },
  beside: Beside | undefined,
): Promise<void> {
  const workbookPath = officeDocumentPath(pkg.text('_rels/.rels'));
  const workbook = pkg.entry(workbookPath);
  const rels = pkg.entry(relsPathOf(workbookPath));
  const ct = pkg.entry('[Content_Types].xml');
  if (!workbook || !rels || !ct) throw new Error(`${input}: not a workbook package (no ${!workbook ? workbookPath : !rels ? 'workbook relationships' : '[Content_Types].xml'})`);
  const plan = await planCopy(
    {
      workbookPath,
      workbookXml: pkg.text(workbook.name)!,
      workbookRelsXml: pkg.text(rels.name)!,
      contentTypesXml: pkg.text(ct.name)!,
    },
    spec,
    (p) => pkg.entry(p) !== undefined,
    async (p) => pkg.text(p, partKind(p)),
  );
  spec = plan.firstCol ? { ...spec, firstCol: plan.firstCol } : spec;
  assertRoomForResults(spec.firstCol);
  const sheet = pkg.entry(plan.sheetPath);
  if (!sheet) throw new Error(`${input}: the part of sheet "${spec.sheetName}" (${plan.sheetPath}) is missing`);
  const stylesEntry = plan.stylesExisted ? pkg.entry(plan.stylesPath) : undefined;
  const styles = new StyleBook(stylesEntry ? pkg.text(stylesEntry.name, 'styles') : null);
  const replaced = new Map<ZipEntry, string>([
    [workbook, plan.workbookXml],
    [rels, plan.workbookRelsXml],
    [ct, plan.contentTypesXml],
  ]);
  // Every entry copied as stored is inflated once first: a bad CRC or size, a deflate bomb or a
  // DOCTYPE refuses the copy before anything is written (the copy is sound or not written).
  for (const e of pkg.entries) {
    if (e === sheet || replaced.has(e) || e === stylesEntry || e.name.endsWith('/')) continue;
    await pkg.verify(e, partKind(e.name));
  }
  await fs.promises.mkdir(path.dirname(path.resolve(out)), { recursive: true });
  // Named as the interrupt handler (main.ts) recognises and removes it.
  const tmp = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  const explanations = new Explanations(plan.explanationName ?? '', spec.sheetName, store, spec.explanationHeading);
  const zip = new ZipWriter(tmp);
  // The product's own parts of an earlier check (summary, explanation, their chart) are dropped;
  // the parts added now may take the same names, so those entries are written once, at the end.
  const added = addedParts(plan, spec, styles, explanations);
  const dropped = new Set([...plan.removed, ...added.map((p) => p.path)].map((p) => p.toLowerCase()));
  const nameOf = (part: AddedPart) => pkg.entry(part.path)?.name ?? part.path;
  // The long added parts start now in their own thread, while this one streams the list sheet.
  const look = { st: styles.fixed, fontSize: styles.fontSize, mainNs: plan.mainNs };
  const aside = beside ? added.filter((p) => p.long) : [];
  const made = beside && aside.length
    ? beside.thread.make(
        beside.file,
        aside.map((p) => ({
          path: nameOf(p),
          meta: metaOf(sheet),
          job: p.long?.kind === 'summary' ? summaryJob(spec.summary, look, p.long.drawingRelId) : explanationJob(explanations, beside.from, look),
        })),
      )
    : undefined;
  // Waited for below, or after a failure before its file goes.
  made?.catch(() => undefined);
  let side: ZipPackage | undefined;
  try {
    for (const e of pkg.entries) {
      // Written last: the sheet's transform adds the formats it clones.
      if (e === stylesEntry) continue;
      if (dropped.has(e.name.toLowerCase())) continue;
      if (e === sheet) {
        await zip.addStream(e.name, patchSheetXml(utf8Chunks(pkg.stream(e)), spec, styles, rows, { lastRow: lastRowOf(rows), explanations }), metaOf(e));
        continue;
      }
      const text = replaced.get(e);
      if (text !== undefined) zip.addBuffer(e.name, Buffer.from(text, 'utf8'), metaOf(e));
      else zip.copy(pkg, e);
    }
    zip.addBuffer(stylesEntry?.name ?? plan.stylesPath, Buffer.from(styles.toXml(), 'utf8'), metaOf(stylesEntry ?? sheet));
    // Streamed too: the summary's review list and the explanation sheet are as long as the list.
    for (const part of added) {
      if (made && part.long) {
        // Made by the other thread: copied as it stored them, in the same place among the entries.
        if (!side) {
          await made;
          side = ZipPackage.openFile(beside!.file);
        }
        const e = side.entry(nameOf(part));
        if (!e) throw new Error(`the copy thread wrote no ${nameOf(part)}`);
        zip.copy(side, e);
      } else await zip.addStream(nameOf(part), part.pieces(), metaOf(sheet));
    }
    zip.finish();
    await publishAsync(tmp, out, target.overwrite, target.what ?? out);
  } catch (e) {
    zip.close();
    await fs.promises.rm(tmp, { force: true });
    throw e;
  } finally {
    side?.close();
    if (made) {
      // The other thread is done with its file before the file goes (it may still write after a failure here).
      await made.catch(() => undefined);
      await fs.promises.rm(beside!.file, { force: true });
    }
  }
}

/** Where the long added parts are made meanwhile (check.ts gives it for a run of one file at a time). */
export interface Beside {
  thread: CopyThread;
  /** The zip the thread writes them to (temporary; removed here). */
  file: string;
  /** The check's result rows, which the explanation sheet is made from, and how many it holds. */
  from: Pick<CopySource, 'resultsFile' | 'explained'>;
}
