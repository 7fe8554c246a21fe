/**
 * The pure transforms of the package-patching writer, on small XML strings: rows, escaping,
 * styles, the streamed sheet (cut into chunks anywhere), the summary sheet and the registration of
 * a new sheet in workbook.xml, its relationships and [Content_Types].xml.
 */
import { SaxesParser } from 'saxes';
import { FILLS, RESULT_HEADERS, type Table } from '../../src/core/report';
import {
  addContentTypeOverride,
  addMerges,
  addRelationship,
  addSheetToWorkbook,
  cellText,
  colName,
  colNumber,
  escapeAttr,
  escapeText,
  Explanations,
  extendRef,
  inlineCell,
  lineHeight,
  nextRelId,
  officeDocumentPath,
  patchPrelude,
  patchRowXml,
  patchSheetXml,
  planPackage,
  relationships,
  RESULT_WIDTHS,
  resolveTarget,
  StyleBook,
  summarySheetXml,
  uniqueSheetName,
  workbookSheets,
  type CellEdit,
  type PatchRow,
  type PatchSpec,
} from '../../src/xlsx/patch';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** The five result columns' <col> elements from column `first` on. */
function ours(first: number): string {
  return RESULT_WIDTHS.map((w, i) => `<col min="${first + i}" max="${first + i}" width="${w}" customWidth="1"/>`).join('');
}
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

// ------------------------------------------------------------------------------------------------
// Helpers

/** Throws when `xml` is not well-formed (namespaces checked too). */
function wellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.write(xml).close();
  if (error) throw error;
}

interface ParsedCell {
  ref: string;
  s?: string;
  t?: string;
  v?: string;
  f?: string;
  text?: string;
}

/** The cells of a sheet part by reference, positions of r-less rows and cells computed as Excel does. */
function readCells(xml: string): Map<string, ParsedCell> {
  const cells = new Map<string, ParsedCell>();
  const parser = new SaxesParser({ xmlns: true });
  let row = 0;
  let col = 0;
  let cell: ParsedCell | undefined;
  let into: 'v' | 'f' | 't' | undefined;
  parser.on('opentag', (tag) => {
    const a = (n: string) => (tag.attributes[n] as { value: string } | undefined)?.value;
    if (tag.local === 'row') {
      row = a('r') ? Number(a('r')) : row + 1;
      col = 0;
    } else if (tag.local === 'c') {
      const r = a('r');
      col = r ? colNumber(r) : col + 1;
      cell = { ref: `${colName(col)}${row}`, s: a('s'), t: a('t') };
      cells.set(cell.ref, cell);
    } else if (cell && (tag.local === 'v' || tag.local === 'f' || tag.local === 't')) into = tag.local;
  });
  parser.on('text', (t) => {
    if (cell && into === 't') cell.text = (cell.text ?? '') + t;
    else if (cell && into) cell[into] = (cell[into] ?? '') + t;
  });
  parser.on('closetag', (tag) => {
    if (tag.local === 'c') cell = undefined;
    if (tag.local === 'v' || tag.local === 'f' || tag.local === 't') into = undefined;
  });
  parser.write(xml).close();
  return cells;
}

function rowNumbers(xml: string): number[] {
  const out: number[] = [];
  let last = 0;
  for (const m of xml.matchAll(/<(?:\w+:)?row\b([^>]*)>/g)) {
    const r = /\sr="(\d+)"/.exec(m[1]);
    last = r ? Number(r[1]) : last + 1;
    out.push(last);
  }
  return out;
}

async function collect(gen: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const piece of gen) s += piece;
  return s;
}

function* chunked(s: string, size: number): Generator<string> {
  for (let i = 0; i < s.length; i += size) yield s.slice(i, i + size);
}

/** Cuts at pseudo-random places (seeded), so chunk edges fall inside tags, names and references. */
function* randomChunks(s: string, seed: number): Generator<string> {
  let x = seed;
  let i = 0;
  while (i < s.length) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const n = 1 + (x % 23);
    yield s.slice(i, i + n);
    i += n;
  }
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<fonts count="2" x14ac:knownFonts="1"><font><sz val="13"/><color theme="1"/><name val="Times New Roman"/><family val="1"/></font><font><i/><sz val="13"/><name val="Times New Roman"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color indexed="64"/></left><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"><alignment horizontal="center"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>
</styleSheet>`;

/** A sheet with the shapes Excel and other writers produce: spans, r-less rows and cells, self-closing rows, formulas. */
const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${NS}" xmlns:r="${RNS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:D7"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><cols><col min="1" max="1" width="5" customWidth="1"/><col min="3" max="3" width="12" style="4" customWidth="1"/></cols><sheetData>
<row r="1" spans="1:4" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1"/><c r="C1" s="1"/><c r="D1" s="1"/></row>
<row r="2" spans="1:4" s="3" customFormat="1"><c r="A2" s="1" t="s"><v>1</v></c><c r="B2" s="1" t="s"><v>2</v></c><c r="D2" s="1" t="s"><v>3</v></c></row>
<row r="3"><c><v>1</v></c><c t="inlineStr"><is><t>Nguyễn Văn A</t></is></c><c s="3"><v>7</v></c></row>
<row r="4" ht="20" customHeight="1" />
<row><c r="A5"><f>SUM(A3:A4)</f><v>1</v></c><c r="B5" t="s"><v>4</v></c><c r="D5" s="2"><v>45000</v></c><extLst><ext uri="{x}"/></extLst></row>
<row r="7"><c r="A7" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D7" s="2"/></row>
</sheetData><mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="C3:C100"><formula1>"Có,Không"</formula1></dataValidation></dataValidations><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

const TABLES: Table[] = [
  { title: 'Số lượng theo kết quả', headers: ['Kết quả', 'Số lượng'], rows: [['Đủ điều kiện', 2], ['Tổng cộng', 2]], countColumns: [1] },
  { title: 'Hồ sơ trễ hạn', headers: ['Dòng', 'Tên'], rows: [], countColumns: [] },
  { title: 'Cần xem lại', headers: ['Dòng', 'Tên', 'Lý do'], rows: [[3, 'A & B', '✗ một\n? hai']], countColumns: [] },
];

function spec(over: Partial<PatchSpec> = {}): PatchSpec {
  return { sheetName: 'Danh sách', headerTop: 2, firstCol: 5, headers: RESULT_HEADERS, summary: { title: 'Tổng hợp — KH', subtitle: 'Kế hoạch: x', tables: TABLES }, ...over };
}

const ROWS: PatchRow[] = [
  { row: 3, values: ['Thiếu thông tin', '', 'Đối tượng; Ngày trình', 'Thiếu ngày trình', '? a'], status: 'incomplete', late: false, missingCols: [3, 4], nameCol: 2 },
  { row: 4, values: ['Đủ điều kiện', 'Giấy khen', '', 'Trễ 3 ngày (hạn trước 01/12/2023)', '✓ x'], status: 'eligible', late: true, missingCols: [], nameCol: 2 },
  { row: 5, values: ['Không đủ điều kiện', '', '', '', '✗ y'], status: 'ineligible', late: true, missingCols: [3], nameCol: 2 },
  { row: 6, values: ['Ngoài phạm vi kế hoạch', '', '', '', '– z'], status: 'not-covered', late: false, missingCols: [3], nameCol: 2 },
  { row: 9, values: ['=1+1', '+2', '-3', '@SUM(A1)', 'a & b < c > d "e" \u0001\u0008\u000b f'], status: 'eligible', late: false, missingCols: [1], nameCol: 2 },
];

async function patchSheet(chunks: Iterable<string>, s = spec(), rows: Iterable<PatchRow> | AsyncIterable<PatchRow> = ROWS, styles = new StyleBook(STYLES)) {
  const out = await collect(patchSheetXml(chunks, s, styles, rows, { flushChars: 100 }));
  return { out, styles, cells: readCells(out) };
}

// ------------------------------------------------------------------------------------------------

describe('text and references', () => {
  test('column names and numbers', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(colName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(['A1', 'z9', 'AA10', '$AB$3', 'XFD1', '12'].map(colNumber)).toEqual([1, 26, 27, 28, 16384, 0]);
  });

  test('escaping for text and attributes', () => {
    expect(escapeText('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot;');
    expect(escapeText('x\r\ny\tz')).toBe('x&#13;\ny\tz');
    expect(escapeAttr(`Tổng "hợp" & <x> 'y'\n`)).toBe('Tổng &quot;hợp&quot; &amp; &lt;x&gt; &apos;y&apos;&#10;');
  });

  test('characters XML 1.0 forbids are removed, astral ones kept', () => {
    expect(escapeText('a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\ufffeh\uffffi')).toBe('abcdefghi');
    expect(escapeText('lone \ud800 high, lone \udc00 low, pair 😀')).toBe('lone  high, lone  low, pair 😀');
    wellFormed(`<t>${escapeText('\u0000\u0002 < & 😀 \ud83d')}</t>`);
  });

  test('cell text: cut like the exceljs writer, Excel escapes kept literal', () => {
    expect(cellText('x'.repeat(40_000))).toBe(`${'x'.repeat(32_000)}…`);
    // Never cut between the halves of a surrogate pair.
    const t = cellText(`${'x'.repeat(31_999)}😀tail`);
    expect(t).toBe(`${'x'.repeat(31_999)}…`);
    expect(cellText('a_x0041_b _x12_ _X0041_')).toBe('a_x005F_x0041_b _x12_ _X0041_');
  });

  test('an inline string cell is text whatever it starts with', () => {
    for (const s of ['=1+1', '+1', '-1', '@A1', '=SUM(A1:A3)']) {
      const xml = inlineCell('E3', 7, s);
      expect(xml).toBe(`<c r="E3" s="7" t="inlineStr"><is><t xml:space="preserve">${s}</t></is></c>`);
      expect(xml).not.toMatch(/<f>/);
    }
    expect(inlineCell('E3', 7, '')).toBe('<c r="E3" s="7"/>');
    expect(inlineCell('E3', undefined, '')).toBe('');
    expect(inlineCell('E3', 2, 'a & b', 'x:')).toBe('<x:c r="E3" s="2" t="inlineStr"><x:is><x:t xml:space="preserve">a &amp; b</x:t></x:is></x:c>');
  });
});

describe('styles', () => {
  test('fonts, fills and formats are appended and counted; existing entries untouched', () => {
    const book = new StyleBook(STYLES);
    const f = book.fixed;
    expect(f.header).toBe(5);
    expect(f.status).toEqual({ eligible: 6, ineligible: 7, incomplete: 8, 'not-covered': 9 });
    const c1 = book.clone(2, 'missing');
    const c2 = book.clone(2, 'late');
    expect(book.clone(2, 'missing')).toBe(c1);
    expect([c1, c2]).toEqual([16, 17]);
    const xml = book.toXml();
    wellFormed(xml);
    expect(xml).toMatch(/<fonts count="4" x14ac:knownFonts="1">/);
    expect(xml).toMatch(/<cellXfs count="18">/);
    // The six distinct colours (incomplete and missing share one).
    expect(xml).toMatch(/<fills count="8">/);
    for (const argb of [FILLS.header, FILLS.missingCell, FILLS.lateRow, ...Object.values(FILLS.status)]) expect(xml).toContain(`<fgColor rgb="${argb}"/>`);
    // Bold fonts derived from the workbook's own default font, children in schema order.
    expect(xml).toContain('<font><b/><sz val="13"/><color theme="1"/><name val="Times New Roman"/><family val="1"/></font>');
    // Everything before our additions is as it was.
    const xfs = /<cellXfs count="18">([\s\S]*?)<\/cellXfs>/.exec(xml)![1];
    const original = /<cellXfs count="5">([\s\S]*?)<\/cellXfs>/.exec(STYLES)![1];
    expect(xfs.startsWith(original)).toBe(true);
    const list = [...xfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    expect(list).toHaveLength(18);
    // The clone keeps the number format and border, with the fill replaced.
    expect(list[16]).toMatch(/numFmtId="164"/);
    expect(list[16]).toMatch(/borderId="1"/);
    expect(list[16]).toMatch(/applyFill="1"/);
    const fillOf = (xf: string) => Number(/fillId="(\d+)"/.exec(xf)![1]);
    const fills = [...xml.matchAll(/<fill>([\s\S]*?)<\/fill>/g)].map((m) => m[1]);
    expect(fills[fillOf(list[16])]).toContain(FILLS.missingCell);
    expect(fills[fillOf(list[17])]).toContain(FILLS.lateRow);
    expect(fills[fillOf(list[f.header])]).toContain(FILLS.header);
    expect(list[f.header]).toMatch(/fontId="2"/);
    expect(list[f.header]).toContain('<alignment vertical="center" wrapText="1"/>');
    expect(list[f.wrap]).toContain('<alignment vertical="top" wrapText="1"/>');
    expect(list[f.title]).toMatch(/fontId="3"/);
    // The rest of the stylesheet is unchanged.
    expect(xml).toContain('<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>');
    expect(xml.endsWith('<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>\n</styleSheet>')).toBe(true);
  });

  test('a style index out of range is treated as the default format', () => {
    const book = new StyleBook(STYLES);
    expect(book.clone(99, 'late')).toBe(book.clone(0, 'late'));
    expect(book.clone(-1, 'missing')).toBe(book.clone(0, 'missing'));
  });

  test('missing lists are created, in schema order, with the defaults Excel expects', () => {
    const bare = `<?xml version="1.0"?><styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts><dxfs count="0"/></styleSheet>`;
    const book = new StyleBook(bare);
    expect(book.fixed.header).toBe(1);
    expect(book.clone(0, 'missing')).toBe(12);
    const xml = book.toXml();
    wellFormed(xml);
    const order = [...xml.matchAll(/<(numFmts|fonts|fills|borders|cellStyleXfs|cellXfs|dxfs)\b/g)].map((m) => m[1]);
    expect(order).toEqual(['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'dxfs']);
    expect(xml).toMatch(/<fonts count="3">/);
    expect(xml).toMatch(/<fills count="8"><fill><patternFill patternType="none"\/><\/fill><fill><patternFill patternType="gray125"\/><\/fill>/);
    expect(xml).toMatch(/<cellXfs count="13"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"\/>/);
    // No styles part at all, and an empty self-closing list.
    const none = new StyleBook(null);
    none.clone(0, 'late');
    wellFormed(none.toXml());
    expect(none.toXml()).toMatch(/<cellXfs count="13">/);
    const empty = new StyleBook(`<styleSheet xmlns="${NS}"><fonts count="0"/><fills/><cellXfs count="0"/></styleSheet>`);
    const e = empty.toXml();
    wellFormed(e);
    expect(e).toMatch(/<fonts count="3"><font><sz val="11"\/><name val="Calibri"\/><\/font>/);
    expect(e).toMatch(/<fills count="8"><fill><patternFill patternType="none"\/>/);
    expect(e).toMatch(/<cellXfs count="12"><xf numFmtId="0"/);
  });

  test('a prefixed stylesheet gets prefixed additions', () => {
    const xml = `<x:styleSheet xmlns:x="${NS}"><x:fonts count="1"><x:font><x:sz val="11"/></x:font></x:fonts><x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills><x:borders count="1"><x:border/></x:borders><x:cellStyleXfs count="1"><x:xf/></x:cellStyleXfs><x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></x:cellXfs></x:styleSheet>`;
    const book = new StyleBook(xml);
    book.clone(0, 'missing');
    const out = book.toXml();
    wellFormed(out);
    expect(out).toMatch(/<x:cellXfs count="13">/);
    expect(out).toContain('<x:font><x:b/><x:sz val="11"/></x:font>');
    expect(out).not.toMatch(/<(?:xf|fill|font)\b/);
  });
});

describe('rows', () => {
  const ctx = () => ({ prefix: '', styles: new StyleBook(STYLES), colStyle: (c: number) => (c === 3 ? 4 : 0) });
  const result = (col: number, row: number, text: string): CellEdit => ({ col, xml: inlineCell(`${colName(col)}${row}`, 9, text) });

  test('existing cells are restyled (clone of their own format), absent ones inserted in column order', () => {
    const row = '<row r="12" spans="1:6"><c r="A12"><v>1</v></c><c r="B12" s="2" t="s"><v>4</v></c><c r="F12" t="s"><v>5</v></c></row>';
    const c = ctx();
    const out = patchRowXml(row, 12, [{ col: 2, fill: 'late' }, { col: 3, fill: 'missing' }, { col: 7, xml: '<c r="G12"/>' }], c);
    expect(out).toBe(
      `<row r="12" spans="1:7"><c r="A12"><v>1</v></c><c r="B12" s="${c.styles.clone(2, 'late')}" t="s"><v>4</v></c><c r="C12" s="${c.styles.clone(4, 'missing')}"/><c r="F12" t="s"><v>5</v></c><c r="G12"/></row>`,
    );
    wellFormed(out);
  });

  test('a cell without s is restyled from the default format', () => {
    const c = ctx();
    expect(patchRowXml('<row r="2"><c r="A2" t="s"><v>0</v></c></row>', 2, [{ col: 1, fill: 'missing' }], c)).toBe(
      `<row r="2"><c r="A2" t="s" s="${c.styles.clone(0, 'missing')}"><v>0</v></c></row>`,
    );
  });

  test('a self-closing row becomes a row with cells', () => {
    const c = ctx();
    const out = patchRowXml('<row r="4" ht="20" customHeight="1" />', 4, [{ col: 2, fill: 'late' }, result(5, 4, 'Đủ')], c);
    expect(out).toBe(`<row r="4" ht="20" customHeight="1"><c r="B4" s="${c.styles.clone(0, 'late')}"/>${inlineCell('E4', 9, 'Đủ')}</row>`);
  });

  test('cells without r are placed by position', () => {
    const c = ctx();
    const out = patchRowXml('<row><c><v>1</v></c><c t="s"><v>2</v></c><c s="3"><v>7</v></c></row>', 3, [{ col: 2, fill: 'missing' }, { col: 4, fill: 'missing' }, result(5, 3, 'x')], c);
    const cells = readCells(out.replace('<row>', '<row r="3">'));
    expect(cells.get('B3')).toMatchObject({ s: String(c.styles.clone(0, 'missing')), v: '2' });
    expect(cells.get('C3')).toMatchObject({ s: '3', v: '7' });
    expect(cells.get('D3')).toMatchObject({ s: String(c.styles.clone(0, 'missing')) });
    expect(cells.get('E3')).toMatchObject({ text: 'x' });
  });

  test("absent cells take the row's format when it has one, else the column's", () => {
    const c = ctx();
    const out = patchRowXml('<row r="2" s="3" customFormat="1"><c r="A2"/></row>', 2, [{ col: 2, fill: 'missing' }, { col: 3, fill: 'missing' }], c);
    expect(out).toContain(`<c r="B2" s="${c.styles.clone(3, 'missing')}"/><c r="C2" s="${c.styles.clone(3, 'missing')}"/>`);
    const out2 = patchRowXml('<row r="2"><c r="A2"/></row>', 2, [{ col: 3, fill: 'missing' }], c);
    expect(out2).toContain(`<c r="C2" s="${c.styles.clone(4, 'missing')}"/>`);
  });

  test('new cells go before a row extLst; a result column that is already there is replaced', () => {
    const c = ctx();
    const out = patchRowXml('<row r="5"><c r="A5"/><c r="E5" s="1"/><extLst><ext uri="{x}"/></extLst></row>', 5, [result(5, 5, 'a'), result(6, 5, 'b')], c);
    expect(out).toBe(`<row r="5"><c r="A5"/>${inlineCell('E5', 9, 'a')}${inlineCell('F5', 9, 'b')}<extLst><ext uri="{x}"/></extLst></row>`);
  });

  test('no edits: the row is returned as it was', () => {
    const row = '<row r="1" spans="1:2"><c r="A1"/></row>';
    expect(patchRowXml(row, 1, [], ctx())).toBe(row);
  });
});

describe('prelude: dimension and column widths', () => {
  const s = spec({ firstCol: 5 });

  test('dimension stretched to the result columns and rows', () => {
    expect(extendRef('A1:D7', 5, 2, 9, 12)).toBe('A1:I12');
    expect(extendRef('B3:Z40', 5, 2, 9, 12)).toBe('B2:Z40');
    expect(extendRef('A1', 5, 2, 9, 2)).toBe('A1:I2');
    expect(extendRef('nonsense', 5, 2, 9, 2)).toBe('nonsense');
    expect(patchPrelude('<worksheet><dimension ref="A1:D7"/>', '', s, 9).xml).toBe(
      `<worksheet><dimension ref="A1:I9"/><cols>${ours(5)}</cols>`,
    );
  });

  test('result columns get their own <col>, in order; ranges covering them are split, never overlapped', () => {
    const pre = '<worksheet><cols><col min="1" max="2" width="5"/><col min="7" max="7" width="3" style="2"/><col min="12" max="16384" width="9"/></cols>';
    const { xml, cols } = patchPrelude(pre, '', s, 2);
    expect(xml).toBe(`<worksheet><cols><col min="1" max="2" width="5"/>${ours(5)}<col min="12" max="16384" width="9"/></cols>`);
    expect(cols).toEqual([
      { min: 1, max: 2, style: 0 },
      { min: 7, max: 7, style: 2 },
      { min: 12, max: 16384, style: 0 },
    ]);
    const ranges = [...xml.matchAll(/min="(\d+)" max="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBeGreaterThan(ranges[i - 1][1]);
    // The input's range runs to the last column: split around the result columns (E:I).
    const all = '<worksheet><cols><col min="1" max="16384" width="9" style="3"/></cols>';
    expect(patchPrelude(all, '', s, 2).xml).toBe(
      `<worksheet><cols><col min="1" max="4" width="9" style="3"/>${ours(5)}<col min="10" max="16384" width="9" style="3"/></cols>`,
    );
    expect(patchPrelude('<worksheet><cols/>', '', s, 2).xml).toMatch(/^<worksheet><cols><col min="5"/);
  });
});

describe('merges', () => {
  test('merged result headers are appended, skipping any that would overlap', () => {
    expect(addMerges('<mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells>', '', ['E2:E3', 'F2:F3'])).toBe(
      '<mergeCells count="3"><mergeCell ref="A1:D1"/><mergeCell ref="E2:E3"/><mergeCell ref="F2:F3"/></mergeCells>',
    );
    expect(addMerges('<mergeCells count="1"><mergeCell ref="A3:F3"/></mergeCells>', '', ['E2:E3', 'G2:G3'])).toBe(
      '<mergeCells count="2"><mergeCell ref="A3:F3"/><mergeCell ref="G2:G3"/></mergeCells>',
    );
    expect(addMerges(null, 'x:', ['E2:E3'])).toBe('<x:mergeCells count="1"><x:mergeCell ref="E2:E3"/></x:mergeCells>');
    expect(addMerges(null, '', [])).toBe('');
  });
});

describe('the list sheet, streamed', () => {
  test('header, results, fills, created rows; everything else unchanged', async () => {
    const { out, styles, cells } = await patchSheet([SHEET]);
    wellFormed(out);
    const f = styles.fixed;
    // Header row 2 (a row with its own format): five bold filled headers after D2.
    RESULT_HEADERS.forEach((h, i) => expect(cells.get(`${colName(5 + i)}2`)).toMatchObject({ s: String(f.header), t: 'inlineStr', text: h }));
    // Row 3 (r-less cells): C3 restyled from its own format 3, D3 absent → column format (none → 0).
    expect(cells.get('C3')).toMatchObject({ s: String(styles.clone(3, 'missing')), v: '7' });
    expect(cells.get('D3')).toMatchObject({ s: String(styles.clone(0, 'missing')) });
    expect(cells.get('E3')).toMatchObject({ s: String(f.status.incomplete), text: 'Thiếu thông tin' });
    expect(cells.get('F3')).toMatchObject({ s: String(f.plain) });
    expect(cells.get('F3')?.t).toBeUndefined();
    expect(cells.get('I3')).toMatchObject({ s: String(f.wrap), text: '? a' });
    // Row 4 (self-closing) is late: name cell and deadline cell filled.
    expect(cells.get('B4')).toMatchObject({ s: String(styles.clone(0, 'late')) });
    expect(cells.get('H4')).toMatchObject({ s: String(f.late), text: 'Trễ 3 ngày (hạn trước 01/12/2023)' });
    // Row 4 was 20 pt tall; its two-line "Hạn nộp" needs more.
    expect(Number(/<row r="4" ht="([\d.]+)" customHeight="1">/.exec(out)?.[1])).toBeGreaterThanOrEqual(2 * lineHeight(13));
    // Row 5 (r-less row): formula untouched, C5 absent in a column with style 4, late name cell.
    expect(cells.get('A5')).toMatchObject({ f: 'SUM(A3:A4)', v: '1' });
    expect(cells.get('C5')).toMatchObject({ s: String(styles.clone(4, 'missing')) });
    expect(cells.get('B5')).toMatchObject({ s: String(styles.clone(0, 'late')), v: '4' });
    expect(cells.get('D5')).toMatchObject({ s: '2', v: '45000' });
    expect(out).toMatch(/<\/c><extLst><ext uri="\{x\}"\/><\/extLst><\/row>/);
    // Rows 6 and 9 were absent: created in order.
    expect(rowNumbers(out)).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
    expect(cells.get('E6')).toMatchObject({ s: String(f.status['not-covered']) });
    expect(cells.get('C6')).toMatchObject({ s: String(styles.clone(4, 'missing')) });
    // Formula-looking text stays text; bad characters gone, the rest escaped.
    expect(cells.get('E9')).toMatchObject({ t: 'inlineStr', text: '=1+1' });
    expect(cells.get('E9')?.f).toBeUndefined();
    expect(cells.get('F9')?.text).toBe('+2');
    expect(cells.get('H9')?.text).toBe('@SUM(A1)');
    expect(cells.get('I9')?.text).toBe('a & b < c > d "e"  f');
    expect(cells.get('A9')).toMatchObject({ s: String(styles.clone(0, 'missing')) });
    // Untouched parts.
    expect(cells.get('A7')).toMatchObject({ t: 'str', f: '"a"&"b"', v: 'ab' });
    expect(out).toContain('<row r="1" spans="1:4" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1"/><c r="C1" s="1"/><c r="D1" s="1"/></row>');
    expect(out).toContain('<row r="7"><c r="A7" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D7" s="2"/></row>');
    expect(out).toContain('<mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="C3:C100">');
    expect(out).toContain('<dimension ref="A1:I7"/>');
    expect(out).toContain(`<col min="3" max="3" width="12" style="4" customWidth="1"/><col min="5" max="5" width="${RESULT_WIDTHS[0]}" customWidth="1"/>`);
    // Only the lines we touch differ.
    const before = SHEET.split('\n');
    const after = out.split('\n');
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[7].endsWith(before[7])).toBe(true);
    expect(after[8].startsWith('<row r="9">')).toBe(true);
    expect(after[8].endsWith(before[8])).toBe(true);
  });

  test('the same output whatever the chunk boundaries', async () => {
    const whole = (await patchSheet([SHEET])).out;
    for (const size of [1, 2, 3, 5, 7, 11, 64, 1000]) expect((await patchSheet(chunked(SHEET, size))).out).toBe(whole);
    for (const seed of [1, 2, 3, 42, 1234]) expect((await patchSheet(randomChunks(SHEET, seed))).out).toBe(whole);
  });

  test('rows may come from an async iterable filled as we go', async () => {
    async function* rows() {
      for (const r of ROWS) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield r;
      }
    }
    expect((await patchSheet(chunked(SHEET, 17), spec(), rows())).out).toBe((await patchSheet([SHEET])).out);
  });

  test('a two-row header: merged result headers, their cells styled on both rows', async () => {
    const { out, cells, styles } = await patchSheet(chunked(SHEET, 9), spec({ headerTop: 1, headerBottom: 2 }), []);
    wellFormed(out);
    expect(cells.get('E1')).toMatchObject({ s: String(styles.fixed.header), text: RESULT_HEADERS[0] });
    expect(cells.get('E2')).toMatchObject({ s: String(styles.fixed.header) });
    expect(cells.get('E2')?.text).toBeUndefined();
    expect(out).toContain('<mergeCells count="6"><mergeCell ref="A1:D1"/><mergeCell ref="E1:E2"/><mergeCell ref="F1:F2"/><mergeCell ref="G1:G2"/><mergeCell ref="H1:H2"/><mergeCell ref="I1:I2"/></mergeCells>');
    // Without a merge list, one is created where the schema wants it (before dataValidations).
    const noMerges = SHEET.replace(/<mergeCells[\s\S]*?<\/mergeCells>/, '');
    const out2 = (await patchSheet(chunked(noMerges, 4), spec({ headerTop: 1, headerBottom: 2 }), [])).out;
    expect(out2).toContain('</sheetData><mergeCells count="5"><mergeCell ref="E1:E2"/>');
    expect(out2).toContain('</mergeCells><dataValidations');
    // After an autoFilter, which comes first.
    const filtered = noMerges.replace('</sheetData>', '</sheetData><autoFilter ref="A2:D7"><filterColumn colId="0"><filters><filter val="1"/></filters></filterColumn></autoFilter>');
    const out3 = (await patchSheet(chunked(filtered, 5), spec({ headerTop: 1, headerBottom: 2 }), [])).out;
    expect(out3).toContain('</autoFilter><mergeCells count="5">');
    // Nothing after sheetData at all.
    const bare = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"/></row></sheetData></worksheet>`;
    const out4 = (await patchSheet(chunked(bare, 3), spec({ headerTop: 1, headerBottom: 2 }), [])).out;
    wellFormed(out4);
    expect(out4).toMatch(/<\/sheetData><mergeCells count="5">.*<\/mergeCells><\/worksheet>$/);
  });

  test('an empty <sheetData/> gets every row created; no dimension, no cols', async () => {
    const empty = `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
    const { out, cells } = await patchSheet(chunked(empty, 6));
    wellFormed(out);
    expect(rowNumbers(out)).toEqual([2, 3, 4, 5, 6, 9]);
    expect(cells.get('E2')?.text).toBe(RESULT_HEADERS[0]);
    expect(out).toMatch(/<worksheet xmlns="[^"]+"><cols>.*<\/cols><sheetData><row r="2"[ >]/);
    expect(out).not.toContain('<dimension');
  });

  test('a prefixed worksheet (x:) gets prefixed cells', async () => {
    const x = `<x:worksheet xmlns:x="${NS}"><x:dimension ref="A1:B3"/><x:sheetData><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Tên</x:t></x:is></x:c></x:row><x:row r="3"><x:c r="B3"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const { out, cells, styles } = await patchSheet(chunked(x, 4), spec(), [ROWS[0]]);
    wellFormed(out);
    expect(out).not.toMatch(/<(?:c|row|is|t|col|cols)\b/);
    expect(cells.get('E2')?.text).toBe(RESULT_HEADERS[0]);
    expect(cells.get('E3')).toMatchObject({ s: String(styles.fixed.status.incomplete), text: 'Thiếu thông tin' });
    expect(cells.get('D3')).toBeDefined();
    expect(out).toContain('<x:dimension ref="A1:I3"/>');
  });

  test('many rows to create: the output still comes out in small pieces', async () => {
    const empty = `<worksheet xmlns="${NS}"><sheetData/></worksheet>`;
    const many: PatchRow[] = Array.from({ length: 500 }, (_, i) => ({ ...ROWS[0], row: 3 + i }));
    const pieces: string[] = [];
    for await (const piece of patchSheetXml([empty], spec(), new StyleBook(STYLES), many, { flushChars: 2000 })) pieces.push(piece);
    const out = pieces.join('');
    wellFormed(out);
    expect(rowNumbers(out)).toEqual([2, ...many.map((r) => r.row)]);
    expect(pieces.length).toBeGreaterThan(50);
    expect(Math.max(...pieces.map((q) => q.length))).toBeLessThan(4000);
  });

  test('a hyperlink a row: the links after sheetData come out in small pieces too', async () => {
    const empty = `<worksheet xmlns="${NS}"><sheetData/></worksheet>`;
    const many: PatchRow[] = Array.from({ length: 500 }, (_, i) => ({ ...ROWS[0], row: 3 + i }));
    const explanations = new Explanations('Giải thích', 'Danh sách');
    const pieces: string[] = [];
    for await (const piece of patchSheetXml([empty], spec(), new StyleBook(STYLES), many, { flushChars: 2000, explanations })) pieces.push(piece);
    const out = pieces.join('');
    wellFormed(out);
    // Each list row links to its own explanation row (the explanation sheet's header is row 1).
    expect(out.match(/<hyperlink /g)?.length).toBe(500);
    expect(out).toContain(`<hyperlink ref="E502" location="&apos;Giải thích&apos;!A501"`);
    // 500 links are some 45,000 characters: never one piece.
    expect(Math.max(...pieces.map((q) => q.length))).toBeLessThan(4000);
  });

  test('rows out of order are refused', async () => {
    const bad = [ROWS[1], ROWS[0]];
    await expect(patchSheet([SHEET], spec(), bad)).rejects.toThrow(/increasing order/);
    await expect(patchSheet([SHEET], spec(), [ROWS[0], ROWS[0]])).rejects.toThrow(/increasing order/);
    await expect(patchSheet([SHEET], spec(), [{ ...ROWS[0], row: 0 }])).rejects.toThrow(/bad row/);
  });

  test('comments and processing instructions inside sheetData pass through', async () => {
    const c = SHEET.replace('<row r="7">', '<!-- a <row r="99"> in a comment --><?pi x?><row r="7">');
    const { out } = await patchSheet(chunked(c, 3));
    wellFormed(out);
    expect(out).toContain('<!-- a <row r="99"> in a comment --><?pi x?><row r="6">');
    expect(rowNumbers(out.replace(/<!--[\s\S]*?-->/, ''))).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
  });
});

describe('summary sheet', () => {
  test('tables in order, with data bars from 0 on the non-zero counts (total row left out), A4 landscape fitted to the width', () => {
    const book = new StyleBook(STYLES);
    const xml = summarySheetXml({ title: 'Tổng hợp — <KH> & co', subtitle: 'Kế hoạch: x', tables: TABLES }, book.fixed);
    wellFormed(xml);
    const cells = readCells(xml);
    expect(cells.get('A1')).toMatchObject({ s: String(book.fixed.title), text: 'Tổng hợp — <KH> & co' });
    expect(cells.get('A2')).toMatchObject({ text: 'Kế hoạch: x' });
    expect(cells.get('A4')).toMatchObject({ s: String(book.fixed.bold), text: 'Số lượng theo kết quả' });
    expect(cells.get('B5')).toMatchObject({ s: String(book.fixed.tableHeader), text: 'Số lượng' });
    expect(cells.get('B6')).toMatchObject({ v: '2' });
    expect(cells.get('B6')?.t).toBeUndefined();
    expect(cells.get('A7')?.text).toBe('Tổng cộng');
    // The empty table: title, header, "(không có)".
    expect(cells.get('A9')?.text).toBe('Hồ sơ trễ hạn');
    expect(cells.get('A11')?.text).toBe('(không có)');
    expect(cells.get('A13')?.text).toBe('Cần xem lại');
    expect(cells.get('C15')).toMatchObject({ s: String(book.fixed.wrap), text: '✗ một\n? hai' });
    expect(xml).toContain(
      '<conditionalFormatting sqref="B6"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="num" val="0"/><cfvo type="max"/><color rgb="FF5B9BD5"/></dataBar></cfRule></conditionalFormatting>',
    );
    const order = [...xml.matchAll(/<(sheetPr|dimension|cols|sheetData|conditionalFormatting|pageMargins|pageSetup)\b/g)].map((m) => m[1]);
    expect(order).toEqual(['sheetPr', 'dimension', 'cols', 'sheetData', 'conditionalFormatting', 'pageMargins', 'pageSetup']);
    expect(xml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    // Two-line reasons get a row tall enough for two lines.
    expect(Number(/<row r="15" ht="([\d.]+)"/.exec(xml)?.[1])).toBeGreaterThanOrEqual(2 * lineHeight(11));
    expect(xml).toContain('<dimension ref="A1:C15"/>');
  });
});

describe('package registration', () => {
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${NS}" xmlns:r="${RNS}"><bookViews><workbookView activeTab="1"/></bookViews><sheets><sheet name="Hướng dẫn" sheetId="3" r:id="rId2"/><sheet name="Danh sách &amp; &quot;đợt 1&quot;" sheetId="7" r:id="rId1"/><sheet name="tổng hợp" sheetId="2" r:id="rId3"/></sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">'Danh sách'!$A$1:$D$7</definedName></definedNames></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="${RNS}/worksheet" Target="worksheets/sheet3.xml"/><Relationship Id="rId2" Type="${RNS}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId1" Type="${RNS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="${RNS}/styles" Target="styles.xml"/><Relationship Id="rIdX" Type="${RNS}/hyperlink" Target="https://x.vn/?a=1&amp;b=2" TargetMode="External"/></Relationships>`;
  const types = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;

  test('sheets, relationships and targets are read', () => {
    expect(workbookSheets(workbook)).toEqual([
      { name: 'Hướng dẫn', sheetId: 3, rId: 'rId2' },
      { name: 'Danh sách & "đợt 1"', sheetId: 7, rId: 'rId1' },
      { name: 'tổng hợp', sheetId: 2, rId: 'rId3' },
    ]);
    expect(relationships(rels).find((r) => r.id === 'rIdX')).toEqual({ id: 'rIdX', type: `${RNS}/hyperlink`, target: 'https://x.vn/?a=1&b=2', external: true });
    expect(nextRelId(rels)).toBe('rId10');
    expect(resolveTarget('xl/', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/', '/xl/worksheets/sheet2.xml')).toBe('xl/worksheets/sheet2.xml');
    expect(resolveTarget('xl/worksheets/', '../drawings/drawing1.xml')).toBe('xl/drawings/drawing1.xml');
    expect(resolveTarget('xl/', 'worksheets/sheet%201.xml')).toBe('xl/worksheets/sheet 1.xml');
    expect(officeDocumentPath(null)).toBe('xl/workbook.xml');
    expect(officeDocumentPath(`<Relationships><Relationship Id="rId1" Type="${RNS}/officeDocument" Target="/xl/workbook2.xml"/></Relationships>`)).toBe('xl/workbook2.xml');
  });

  test('sheet names are unique, case-insensitively', () => {
    expect(uniqueSheetName('Tổng hợp', ['Danh sách'])).toBe('Tổng hợp');
    expect(uniqueSheetName('Tổng hợp', ['TỔNG HỢP', 'Tổng hợp 2'])).toBe('Tổng hợp 3');
  });

  test('the summary sheet is registered in workbook.xml, its relationships and content types', () => {
    const parts = new Set(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml', 'xl/styles.xml']);
    const plan = planPackage({ workbookPath: 'xl/workbook.xml', workbookXml: workbook, workbookRelsXml: rels, contentTypesXml: types }, 'Danh sách & "đợt 1"', (p) => parts.has(p));
    expect(plan).toMatchObject({ sheetPath: 'xl/worksheets/sheet1.xml', stylesPath: 'xl/styles.xml', stylesExisted: true, summaryPath: 'xl/worksheets/sheet4.xml', summaryName: 'Tổng hợp 2', mainNs: NS });
    wellFormed(plan.workbookXml);
    wellFormed(plan.workbookRelsXml);
    wellFormed(plan.contentTypesXml);
    expect(plan.workbookXml).toContain('<sheet name="tổng hợp" sheetId="2" r:id="rId3"/><sheet name="Tổng hợp 2" sheetId="8" r:id="rId10"/></sheets><definedNames>');
    expect(plan.workbookRelsXml).toContain(`<Relationship Id="rId10" Type="${RNS}/worksheet" Target="worksheets/sheet4.xml"/></Relationships>`);
    expect(plan.contentTypesXml).toContain(
      '<Override PartName="/xl/worksheets/sheet4.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    );
    // Everything else as it was.
    expect(plan.workbookXml.replace('<sheet name="Tổng hợp 2" sheetId="8" r:id="rId10"/>', '')).toBe(workbook);
    expect(workbookSheets(plan.workbookXml).map((s) => s.name)).toEqual(['Hướng dẫn', 'Danh sách & "đợt 1"', 'tổng hợp', 'Tổng hợp 2']);
  });

  test('a workbook without styles gets a styles part registered', () => {
    const noStyles = rels.replace(/<Relationship Id="rId9"[^>]*>/, '');
    const plan = planPackage({ workbookPath: 'xl/workbook.xml', workbookXml: workbook, workbookRelsXml: noStyles, contentTypesXml: types }, 'Hướng dẫn', () => false);
    expect(plan).toMatchObject({ sheetPath: 'xl/worksheets/sheet2.xml', stylesPath: 'xl/styles.xml', stylesExisted: false, summaryPath: 'xl/worksheets/sheet1.xml' });
    expect(plan.workbookRelsXml).toContain(`<Relationship Id="rId4" Type="${RNS}/styles" Target="styles.xml"/>`);
    expect(plan.workbookRelsXml).toContain(`<Relationship Id="rId5" Type="${RNS}/worksheet" Target="worksheets/sheet1.xml"/>`);
    expect(plan.contentTypesXml).toContain('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>');
  });

  test('an unknown sheet or a chart sheet is refused', () => {
    const base = { workbookPath: 'xl/workbook.xml', workbookXml: workbook, workbookRelsXml: rels, contentTypesXml: types };
    expect(() => planPackage(base, 'Không có', () => true)).toThrow(/no sheet named "Không có"/);
    const chart = rels.replace(`Id="rId2" Type="${RNS}/worksheet"`, `Id="rId2" Type="${RNS}/chartsheet"`);
    expect(() => planPackage({ ...base, workbookRelsXml: chart }, 'Hướng dẫn', () => true)).toThrow(/not a worksheet/);
  });

  test('low-level registration helpers, with prefixes and self-closing roots', () => {
    expect(addSheetToWorkbook(`<x:workbook xmlns:x="${NS}" xmlns:rel="${RNS}"><x:sheets><x:sheet name="A" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>`, 'B<&>', 2, 'rId2')).toBe(
      `<x:workbook xmlns:x="${NS}" xmlns:rel="${RNS}"><x:sheets><x:sheet name="A" sheetId="1" rel:id="rId1"/><x:sheet name="B&lt;&amp;&gt;" sheetId="2" rel:id="rId2"/></x:sheets></x:workbook>`,
    );
    expect(addRelationship('<Relationships xmlns="p"/>', 'rId1', 't', 'a&b.xml')).toBe('<Relationships xmlns="p"><Relationship Id="rId1" Type="t" Target="a&amp;b.xml"/></Relationships>');
    expect(addContentTypeOverride('<Types xmlns="c"></Types>', '/xl/a.xml', 'ct')).toBe('<Types xmlns="c"><Override PartName="/xl/a.xml" ContentType="ct"/></Types>');
  });
});
