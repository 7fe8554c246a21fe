/**
 * "Gộp danh sách" outside Excel when no picked file holds a readable list: nothing to download, and
 * one Vietnamese line per file saying why (the lines the page shows).
 */
import ExcelJS from 'exceljs';
import { shippedPlan } from '../../src/plans';
import { mergeFiles } from '../../src/taskpane/file-merge';
import { TEXT } from '../../src/taskpane/messages';

function bytesOf(data: Uint8Array): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

test('a CSV renamed .xlsx, an old .xls and a workbook with only notes: no merged workbook, each file with its reason', async () => {
  const notes = new ExcelJS.Workbook();
  notes.addWorksheet('Ghi chú').getCell('A1').value = 'Đơn vị không có đề nghị năm nay';
  const files = [
    { name: 'a.xlsx', bytes: bytesOf(new TextEncoder().encode('STT;Họ và tên\n1;Nguyễn Văn A\n')) },
    { name: 'b.xls', bytes: bytesOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) },
    { name: 'c.xlsx', bytes: bytesOf(new Uint8Array(await notes.xlsx.writeBuffer())) },
  ];
  const done = await mergeFiles(files, shippedPlan('thach-ha-2022')!, { round: 'annual', year: 2023 });
  expect('bytes' in done).toBe(false);
  expect(done.failures.map((f) => f.file)).toEqual(['a.xlsx', 'b.xls', 'c.xlsx']);
  expect(done.failures[0].error).toBe(TEXT.notXlsx('a.xlsx'));
  expect(done.failures[1].error).toBe(TEXT.oldXls('b.xls'));
  expect(done.failures[2].error).toMatch(/^c\.xlsx: không tìm thấy dòng tiêu đề trong trang "Ghi chú"/);
  expect(TEXT.nothingMerged(done.failures).split('\n')).toHaveLength(4);
});
