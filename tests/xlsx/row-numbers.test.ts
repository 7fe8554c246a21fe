import fc from 'fast-check';
import { RowNumbers } from '../../src/xlsx/row-numbers';

describe('RowNumbers', () => {
  it('gives back every increasing row number it was given, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 300 }), (gaps) => {
        const rows: number[] = [];
        for (const g of gaps) rows.push((rows.length ? rows[rows.length - 1] : 0) + g);
        const list = new RowNumbers();
        for (const r of rows) list.push(r);
        expect(list.length).toBe(rows.length);
        expect([...list]).toEqual(rows);
        // Read more than once.
        expect([...list]).toEqual(rows);
      }),
    );
  });

  it("holds Excel's last row and rows far past it", () => {
    const list = new RowNumbers();
    for (const r of [1, 2, 1_048_576, 2 ** 40]) list.push(r);
    expect([...list]).toEqual([1, 2, 1_048_576, 2 ** 40]);
  });

  it('refuses a row that does not come after the last one', () => {
    const list = new RowNumbers();
    list.push(7);
    expect(() => list.push(7)).toThrow(/increase/);
    expect(() => list.push(3)).toThrow(/increase/);
    expect(() => list.push(0.5 + 8)).toThrow(/increase/);
    expect([...list]).toEqual([7]);
  });
});
