/**
 * The explanation sheet's reasons kept in a temporary file while the list sheet is written: one
 * JSON line per row, written in 1 MB pieces and read back once, so that a 100,000-row list's
 * reasons (tens of MB of text) never sit in memory together.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { ExplanationRecord, ExplanationStore } from '../xlsx/explanation-sheet';

const PIECE = 1 << 20;
let seq = 0;

export class SpilledExplanations implements ExplanationStore {
  // Named like the other spilled files, so that an interrupted run removes it too (main.ts).
  readonly file = path.join(os.tmpdir(), `ntm-awards-${process.pid}-${Date.now()}-${threadId}${++seq}.reasons.ndjson`);
  private fd: number | undefined;
  private pending = '';

  push(record: ExplanationRecord): void {
    // Only the three fields, whatever else the caller's object carries.
    this.pending += `${JSON.stringify([record.row, record.status, record.text])}\n`;
    if (this.pending.length >= PIECE) this.flush();
  }

  *records(): Generator<ExplanationRecord> {
    this.flush();
    if (this.fd === undefined) return;
    const fd = fs.openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(PIECE);
      const decoder = new TextDecoder('utf-8');
      let rest = '';
      for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) {
        const text = rest + decoder.decode(buf.subarray(0, n), { stream: true });
        const lines = text.split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          const [row, status, reason] = JSON.parse(line) as [number, ExplanationRecord['status'], string];
          yield { row, status, text: reason };
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Removes the file; safe to call more than once. */
  dispose(): void {
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
    fs.rmSync(this.file, { force: true });
  }

  private flush(): void {
    if (!this.pending) return;
    if (this.fd === undefined) this.fd = fs.openSync(this.file, 'w', 0o600);
    fs.writeSync(this.fd, this.pending);
    this.pending = '';
  }
}
