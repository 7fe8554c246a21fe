/**
 * The checked copy's explanation rows kept in a temporary file until their sheet is written (after
 * the list sheet), so that a 100,000-row list's whole reasons are never all in memory at once.
 * Synchronous, as the sheet's writer is a generator: appended in 64 KB pieces, read back in 1 MB ones.
 */
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { ExplanationRow, ExplanationStore } from '../xlsx/explanation-sheet';

export class SpilledExplanations implements ExplanationStore {
  private readonly fd: number;
  private count = 0;
  private written = 0;
  private pending = '';

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'wx+');
  }

  add(r: ExplanationRow): void {
    this.pending += `${JSON.stringify([r.row, r.status, r.text])}\n`;
    this.count++;
    if (this.pending.length > 1 << 16) this.flush();
  }

  get size(): number {
    return this.count;
  }

  *rows(): Generator<ExplanationRow> {
    this.flush();
    const buf = Buffer.allocUnsafe(1 << 20);
    const decoder = new StringDecoder('utf8');
    let at = 0;
    let rest = '';
    for (;;) {
      const n = fs.readSync(this.fd, buf, 0, buf.length, at);
      if (n === 0) break;
      at += n;
      const lines = (rest + decoder.write(buf.subarray(0, n))).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) yield parse(line);
    }
    rest += decoder.end();
    if (rest) yield parse(rest);
  }

  /** Closes and removes the file (also after a failure). */
  dispose(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
    fs.rmSync(this.file, { force: true });
  }

  private flush(): void {
    if (!this.pending) return;
    const bytes = Buffer.from(this.pending, 'utf8');
    fs.writeSync(this.fd, bytes, 0, bytes.length, this.written);
    this.written += bytes.length;
    this.pending = '';
  }
}

function parse(line: string): ExplanationRow {
  const [row, status, text] = JSON.parse(line) as [number, ExplanationRow['status'], string];
  return { row, status, text };
}
