/**
 * The terminal's review lines: a cell's text on one line and its width on screen, and a list of
 * Excel's full height. `clean` and `width` skip their regexes and NFC on plain Latin and Vietnamese
 * text; these tests hold them to what the regexes alone give.
 */
import fc from 'fast-check';
import { attentionLines, clean, width } from '../../src/cli/messages';
import { ATTENTION_TABLE, STATUS_LABELS_VI, type Table, type TableRow } from '../../src/core/report';

const slowClean = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

// UTF-16 units less low surrogates (a pair counts once), less the marks.
const slowWidth = (s: string) => s.replace(/[\udc00-\udfff]/g, '').length - (s.match(/\p{M}/gu)?.length ?? 0);

// Letters a list holds, and the characters that must take the slow path.
const PIECES = [
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789.,:;-()/',
  ...'ạảãàáấầẩẫậắằẳẵặẹẻẽèéếềểễệỉịĩìíọỏõòóốồổỗộớờởỡợụủũùúứừửữựỳỵỷỹý',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  '\u0000',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u3000',
  '\ufeff',
  'a\u0301', // decomposed á
  'e\u0302\u0303', // decomposed ễ
  '\u0323',
  'ก\u0e31', // a Thai vowel mark
  '\ud83d\ude00', // an emoji (a surrogate pair)
  '\ud800', // a lone high surrogate
  '\udc00', // a lone low surrogate
  'Å', // U+212B, which NFC turns into U+00C5
  'ǅ',
  'ʰ',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join(''));

describe('terminal text', () => {
  it('cleans and measures any text as the regexes do', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(clean(s)).toBe(slowClean(s));
        expect(width(s)).toBe(slowWidth(s));
        expect(width(clean(s))).toBe(slowWidth(slowClean(s)));
      }),
      { numRuns: 5_000 },
    );
  });

  it('treats every character of the plain ranges, alone and beside a letter, as the regexes do', () => {
    for (const [from, to] of [
      [0, 0x2ff],
      [0x1e00, 0x1eff],
    ]) {
      for (let c = from; c <= to; c++) {
        for (const s of [String.fromCharCode(c), `a${String.fromCharCode(c)}b`, `${String.fromCharCode(c)}\u0301`]) {
          expect(clean(s)).toBe(slowClean(s));
          expect(width(s)).toBe(slowWidth(s));
        }
      }
    }
  });

  it('aligns names typed in decomposed form with the same names typed precomposed', () => {
    const row = (n: number, name: string): TableRow => [n, name, STATUS_LABELS_VI.incomplete, 'Ngày trình', ''];
    const table: Table = { title: ATTENTION_TABLE, headers: [], countColumns: [], rows: [row(5, 'Nguye\u0302\u0303n Văn An'), row(6, 'Nguyễn Văn Bình')] };
    const lines = attentionLines('ds.xlsx', [table]);
    const before = (l: string) => width(l.slice(0, l.indexOf('Thiếu')));
    expect(before(lines[0])).toBe(before(lines[1]));
    expect(lines[0]).toContain('ds.xlsx:5  Nguyễn Văn An    Thiếu thông tin');
  });

  it('lists more review rows than a function call takes arguments', () => {
    // About 60 % of a list's rows need review: a list of Excel's full height has some 630,000, and
    // past about 120,000 a spread call (Math.max(...widths)) throws.
    const rows: TableRow[] = Array.from({ length: 200_000 }, (_, i) => [i + 2, `Hộ ông Nguyễn Văn ${i}`, STATUS_LABELS_VI.incomplete, 'Ngày trình', '']);
    const lines = attentionLines('ds.xlsx', [{ title: ATTENTION_TABLE, headers: [], countColumns: [], rows }]);
    expect(lines).toHaveLength(200_000);
    expect(lines[199_999]).toMatch(/^ {2}ds\.xlsx:200001 {2}Hộ ông Nguyễn Văn 199999 {2}Thiếu thông tin {2}— thiếu: Ngày trình$/);
  });
});

describe('why a row fails, in a few words', () => {
  it('says each failed criterion as its own row has it, when many rows share one', () => {
    const failed = (n: number, line: string): TableRow => [n, `Hộ ${n}`, STATUS_LABELS_VI.ineligible, '', `✓ Đối tượng hộ gia đình [KH, mục V]\n${line}`];
    const same = '✗ Có mô hình sản xuất hiệu quả: không [KH Thạch Hà 2022, mục V.3.a•1]';
    const other = '✗ Có mô hình sản xuất hiệu quả: chưa có [KH Thạch Hà 2022, mục V.3.a•1]';
    const rows = [failed(5, same), failed(6, other), failed(7, same), failed(8, '✗ Đợt tổng kết tổ chức năm 2025, không phải năm 2023 [KH, mục VI.2]')];
    const lines = attentionLines('ds.xlsx', [{ title: ATTENTION_TABLE, headers: [], countColumns: [], rows }]);
    const why = lines.map((l) => l.slice(l.indexOf('vì: ') + 4));
    expect(why).toEqual([
      'Có mô hình sản xuất hiệu quả: không',
      'Có mô hình sản xuất hiệu quả: chưa có',
      'Có mô hình sản xuất hiệu quả: không',
      'Đợt tổng kết tổ chức năm 2025, không phải năm 2023',
    ]);
  });
});
