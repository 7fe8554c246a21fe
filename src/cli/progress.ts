/** A progress bar on stderr for long runs; silent when stderr is not a terminal (pipes, CI, tests). */
export class Progress {
  private readonly active: boolean;
  private label = '';
  private last = 0;

  constructor(
    private readonly stream: { isTTY?: boolean; write(s: string): unknown },
    private readonly multiFile: boolean,
  ) {
    this.active = Boolean(stream.isTTY);
  }

  file(index: number, count: number, name: string): void {
    this.label = this.multiFile ? `[${index + 1}/${count}] ${name}` : name;
    if (this.active && this.multiFile) this.draw(index, count);
  }

  /** Called every few hundred rows (total 0: not known while streaming); redraws at most ten times a second. */
  tick(done: number, total: number): void {
    if (!this.active || (total ? total : done) < 2000) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.draw(done, total);
  }

  private draw(done: number, total: number): void {
    if (!total) {
      this.stream.write(`\r${done.toLocaleString('vi-VN')} dòng đã đọc — ${this.label.slice(0, 40)}\x1b[K`);
      return;
    }
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    this.stream.write(`\r${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total} ${this.label.slice(0, 40)}\x1b[K`);
  }

  done(): void {
    if (this.active && this.last !== 0) this.stream.write('\r\x1b[K');
  }
}
