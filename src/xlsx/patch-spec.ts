/** The checked copy's input: which sheet, where the result columns go, and each row's results. */
import type { Table, TableRows } from '../core/report';

export type PatchStatus = 'eligible' | 'ineligible' | 'incomplete' | 'not-covered';

export interface PatchRow {
  row: number;
  /** The five result texts. */
  values: string[];
  status: PatchStatus;
  late: boolean;
  /** 1-based user columns to fill as missing. */
  missingCols: number[];
  /** The name column, filled on late rows. */
  nameCol?: number;
}

export interface PatchSpec {
  /** The list sheet, by its name in workbook.xml. */
  sheetName: string;
  /** Row where the five result headers go. */
  headerTop: number;
  /** Lower header row of a two-row header: the result headers are merged down to it, as the exceljs writer does. */
  headerBottom?: number;
  /** 1-based column of the first result column. */
  firstCol: number;
  /** RESULT_HEADERS. */
  headers: readonly string[];
  summary: { title: string; subtitle: string; tables: Table<TableRows>[] };
  /** Under the explanation sheet's header: the plans that judged the list (issue 18, core/plan-identity). */
  explanationHeading?: string;
}

export const SUMMARY_SHEET_BASE = 'Tổng hợp';
/** How the summary's title starts; also how a later check knows the sheet is ours. */
export { SUMMARY_TITLE_PREFIX } from '../core/report';
export const RESULT_WIDTHS = [24, 26, 30, 24, 60] as const;

/** Excel's last column, XFD. */
export const GRID_COLUMNS = 16384;

/**
 * The five result columns go right of the sheet's last used column; when that is too near XFD
 * there is no room, and a copy with columns past XFD would not open in Excel. The copy is then
 * refused, never written (issue 20): the user's own cells are not moved to make room.
 */
export class NoRoomForResults extends Error {
  constructor(readonly firstCol: number) {
    super(`no room for the result columns: they would start at column ${firstCol}, past Excel's last column ${GRID_COLUMNS} once five are added`);
  }
}

export function assertRoomForResults(firstCol: number): void {
  if (!(firstCol >= 1) || firstCol + RESULT_WIDTHS.length - 1 > GRID_COLUMNS) throw new NoRoomForResults(firstCol);
}
export const DATA_BAR_COLOR = 'FF5B9BD5';
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const WORKSHEET_REL = `${REL_NS}/worksheet`;
export const STYLES_REL = `${REL_NS}/styles`;
export const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const STYLES_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

/** The children of <worksheet> in the order the schema (CT_Worksheet) requires. */
export const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection',
  'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells',
  'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup',
  'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing',
  'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts',
  'extLst',
];
