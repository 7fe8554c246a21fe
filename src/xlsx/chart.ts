/**
 * The summary's chart (status by award form, stacked columns, as the pane draws it) written as
 * DrawingML parts: the chart part with its data referenced from the summary sheet (and cached, so
 * a reader that does not recalculate still draws it), and the drawing part that anchors it.
 */
import { sheetLocation } from './explanation-sheet';
import type { SummaryLayout } from './summary-sheet';
import { colName, escapeAttr, escapeText } from './xml';

export const CHART_TITLE = 'Kết quả theo hình thức đề nghị';
const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const XDR_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const CHART_CT = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
export const DRAWING_CT = 'application/vnd.openxmlformats-officedocument.drawing+xml';
export const CHART_REL = `${R_NS}/chart`;
export const DRAWING_REL = `${R_NS}/drawing`;
/** Series colours by status column (eligible, ineligible, incomplete, not covered): strong enough to print. */
const SERIES_COLORS = ['70AD47', 'C00000', 'FFC000', '5B9BD5'];

type Chart = NonNullable<SummaryLayout['chart']>;

function abs(sheet: string, c1: number, r1: number, c2 = c1, r2 = r1): string {
  const a = `$${colName(c1)}$${r1}`;
  return sheetLocation(sheet, c1 === c2 && r1 === r2 ? a : `${a}:$${colName(c2)}$${r2}`);
}

function strCache(values: readonly string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeText(v)}</c:v></c:pt>`).join('')}</c:strCache>`;
}

/** The chart part: one series per status, categories the award forms of the tier table. */
export function chartXml(chart: Chart, sheet: string): string {
  const { table, headerRow, firstRow, lastRow } = chart;
  // The tier table is short; its rows are read once here whatever holds them.
  const rows = [...table.rows];
  const cats = rows.map((r) => String(r[0]));
  const series = table.headers.slice(1, 5).map((name, i) => {
    const col = i + 2;
    const values = rows.map((r) => Number(r[i + 1]) || 0);
    return (
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
      `<c:tx><c:strRef><c:f>${escapeText(abs(sheet, col, headerRow))}</c:f>${strCache([name])}</c:strRef></c:tx>` +
      `<c:spPr><a:solidFill><a:srgbClr val="${SERIES_COLORS[i]}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
      `<c:cat><c:strRef><c:f>${escapeText(abs(sheet, 1, firstRow, 1, lastRow))}</c:f>${strCache(cats)}</c:strRef></c:cat>` +
      `<c:val><c:numRef><c:f>${escapeText(abs(sheet, col, firstRow, col, lastRow))}</c:f><c:numCache><c:formatCode>General</c:formatCode>` +
      `<c:ptCount val="${values.length}"/>${values.map((v, k) => `<c:pt idx="${k}"><c:v>${v}</c:v></c:pt>`).join('')}</c:numCache></c:numRef></c:val>` +
      `</c:ser>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="vi-VN" sz="1200" b="1"/><a:t>${escapeText(CHART_TITLE)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="stacked"/><c:varyColors val="0"/>${series.join('')}` +
    `<c:gapWidth val="80"/><c:overlap val="100"/><c:axId val="500100"/><c:axId val="500200"/></c:barChart>` +
    `<c:catAx><c:axId val="500100"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500200"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>` +
    `<c:valAx><c:axId val="500200"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500100"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** The drawing part: the chart anchored over the rows the summary keeps free for it. */
export function drawingXml(chart: Chart, chartRelId: string): string {
  const marker = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}"><xdr:twoCellAnchor editAs="oneCell">` +
    // Markers are 0-based: from the top of row `fromRow` to the top of row `toRow`.
    marker('from', 0, chart.fromRow - 1) +
    marker('to', chart.toCol, chart.toRow - 1) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${escapeAttr(CHART_TITLE)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${C_NS}">` +
    `<c:chart xmlns:c="${C_NS}" xmlns:r="${R_NS}" r:id="${escapeAttr(chartRelId)}"/></a:graphicData></a:graphic></xdr:graphicFrame>` +
    `<xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

/** A relationships part holding one relationship. */
export function singleRels(id: string, type: string, target: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="${escapeAttr(id)}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/></Relationships>`
  );
}
