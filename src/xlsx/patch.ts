/**
 * The checked copy written by patching the .xlsx package as text instead of loading it into a
 * workbook model: the list sheet's XML is transformed row by row as it streams past, styles.xml
 * gets the few fonts, fills and formats we need, and the summary and explanation sheets (with the
 * summary's chart) are added. Everything else stays byte for byte. Pure string logic (no node:*,
 * no DOM), so the browser uses it too; src/cli/patch-writer.ts and src/xlsx/patch-zip.ts do the
 * zip work. This module only gathers the pieces.
 */
export * from './patch-spec';
export * from './xml';
export * from './styles';
export * from './sheet-rows';
export * from './sheet-stream';
export * from './summary-sheet';
export * from './package';
export * from './layout';
export * from './explanation-sheet';
export * from './chart';
export * from './copy-plan';
