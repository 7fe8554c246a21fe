/** A picked file's bytes as an exceljs workbook, or the one-line Vietnamese reason it is not one. */
import ExcelJS from 'exceljs';
import { TEXT } from './messages';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

export interface ChosenFile {
  name: string;
  bytes: ArrayBuffer;
}

function startsWith(bytes: ArrayBuffer, magic: number[]): boolean {
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  return magic.every((b, i) => head[i] === b);
}

export async function loadWorkbook(file: ChosenFile): Promise<ExcelJS.Workbook | string> {
  if (startsWith(file.bytes, OLE)) return TEXT.oldXls(file.name);
  if (!startsWith(file.bytes, ZIP)) return TEXT.notXlsx(file.name);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file.bytes);
  } catch {
    return TEXT.damaged(file.name);
  }
  return wb;
}
