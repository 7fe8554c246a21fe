/**
 * The explanation sheet's reasons, kept until the sheet is written (after the list sheet): in
 * memory while they are few, then in a temporary file (one JSON line per row, written in 1 MB
 * pieces and read back once), so that a 100,000-row list's reasons (tens of MB of text) never sit
 * in memory together and a small list pays nothing for the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { ExplanationRecord, ExplanationStore } from '../xlsx/explanation-sheet';

const PIECE = 1 << 20;
/** Characters of reasons held in memory before they go to the file (about 8 MB of text). */
const HOLD = 4_000_000;
let seq = 0;

export class SpilledExplanations implements ExplanationStore {
  // Named like the other spilled files, so that an interrupted run removes it too (main.ts).
  readonly file = path.join(os.tmpdir(), `ntm-awards-${process.pid}-${Date.now()}-${threadId}${++seq}.reasons.ndjson`);
  private fd: number | undefined;
  private pending = '';
  private held: ExplanationRecord[] | undefined = [];
  private heldChars = 0;

  constructor(private readonly hold = HOLD) {}

  push(record: ExplanationRecord): void {
    // Only the three fields, whatever else the caller's object carries.
    const { row, status, text } = record;
    if (this.held) {
      this.held.push({ row, status, text });
      this.heldChars += text.length;
      if (this.heldChars <= this.hold) return;
      // Too many to hold: everything so far goes to the file, and what follows too.
      const held = this.held;
      this.held = undefined;
      for (const r of held) this.write(r);
      return;
    }
    this.write(record);
  }

  *records(): Generator<ExplanationRecord> {
    if (this.held) {
      yield* this.held;
      return;
    }
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

  /** True once the reasons went to the file. */
  get spilled(): boolean {
    return this.held === undefined;
  }

  /** Removes the file; safe to call more than once. */
  dispose(): void {
    this.held = [];
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
    fs.rmSync(this.file, { force: true });
  }

  private write(r: ExplanationRecord): void {
    this.pending += `${JSON.stringify([r.row, r.status, r.text])}\n`;
    if (this.pending.length >= PIECE) this.flush();
  }

  private flush(): void {
    if (!this.pending) return;
    if (this.fd === undefined) this.fd = fs.openSync(this.file, 'w', 0o600);
    fs.writeSync(this.fd, this.pending);
    this.pending = '';
  }
}
