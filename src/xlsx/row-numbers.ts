/**
 * Increasing row numbers kept compactly: each as its distance from the one before, in one to three
 * bytes (LEB128), instead of an eight-byte array slot. A checked copy remembers which rows it linked
 * to the explanation sheet; at Excel's last row a plain array of them held tens of megabytes, for
 * nothing but a list read once in order. Pure (no node:*): the page outside Excel uses it too.
 */
export class RowNumbers implements Iterable<number> {
  private bytes = new Uint8Array(256);
  private used = 0;
  private count = 0;
  private last = 0;

  /** Adds `row`, which must be larger than the last one added (rows only go down the sheet). */
  push(row: number): void {
    if (!Number.isInteger(row) || row <= this.last) throw new Error(`row numbers must increase (row ${row} after row ${this.last})`);
    let d = row - this.last;
    this.last = row;
    this.count++;
    if (this.used + 8 > this.bytes.length) {
      const larger = new Uint8Array(this.bytes.length * 2);
      larger.set(this.bytes.subarray(0, this.used));
      this.bytes = larger;
    }
    while (d >= 0x80) {
      this.bytes[this.used++] = (d % 0x80) | 0x80;
      d = Math.floor(d / 0x80);
    }
    this.bytes[this.used++] = d;
  }

  get length(): number {
    return this.count;
  }

  *[Symbol.iterator](): Generator<number> {
    const { bytes, used } = this;
    let row = 0;
    for (let at = 0; at < used; ) {
      let d = 0;
      let scale = 1;
      for (;;) {
        const b = bytes[at++];
        d += (b & 0x7f) * scale;
        if (b < 0x80) break;
        scale *= 0x80;
      }
      row += d;
      yield row;
    }
  }
}
