/** Parsing `check --merge` and `export` (issue 10), as a table. */
import { parseCommand, type Command } from '../../src/cli/args';
import { CliError } from '../../src/cli/errors';

const base = { map: {}, blankIsNo: false, force: false, quiet: false } as const;

test.each<[string, string[], Command]>([
  ['check a folder into one merged list', ['check', 'ho-so/', '--plan', 'a', '--year', '2023', '--merge', 'tong-hop.xlsx'], { command: 'check', ...base, input: 'ho-so/', plan: 'a', year: 2023, merge: 'tong-hop.xlsx' } as Command],
  [
    'export with check options',
    ['export', 'ho-so/', '--plan', 'a', '--round', 'so-ket', '--to', 'lifesoft', '--template=mau.xlsx', '--out', 'nhap.xlsx', '--force'],
    { command: 'export', ...base, force: true, input: 'ho-so/', plan: 'a', round: 'so-ket', to: 'lifesoft', template: 'mau.xlsx', out: 'nhap.xlsx' } as Command,
  ],
  [
    'export with a mapping and a report',
    ['export', 'tong-hop.xlsx', '--plan', 'a', '--to', 'lifesoft', '--template', 'mau.xlsx', '--out', 'nhap.xlsx', '--mapping', 'doi-chieu-danh-muc.xlsx', '--json', 'bao-cao.json'],
    { command: 'export', ...base, input: 'tong-hop.xlsx', plan: 'a', to: 'lifesoft', template: 'mau.xlsx', out: 'nhap.xlsx', mapping: 'doi-chieu-danh-muc.xlsx', json: 'bao-cao.json' } as Command,
  ],
  [
    'merge with a higher plan, as check takes it',
    ['check', 'ho-so/', '--plan', 'thach-ha-2022', '--merge', 'tong-hop.xlsx', '--plan-file', 'qd3351.xlsx', '--plan-file', 'qd587.json'],
    { command: 'check', ...base, input: 'ho-so/', plan: 'thach-ha-2022', morePlans: [{ planFile: 'qd3351.xlsx' }, { planFile: 'qd587.json' }], merge: 'tong-hop.xlsx' } as Command,
  ],
  [
    "export with a higher plan: the list's own plan first, in the order given",
    ['export', 'ds.xlsx', '--plan-file', 'kh-xa.xlsx', '--plan', 'thach-ha-2022', '--to', 'lifesoft', '--template', 'mau.xlsx', '--out', 'nhap.xlsx'],
    { command: 'export', ...base, input: 'ds.xlsx', planFile: 'kh-xa.xlsx', morePlans: [{ plan: 'thach-ha-2022' }], to: 'lifesoft', template: 'mau.xlsx', out: 'nhap.xlsx' } as Command,
  ],
  ['check a folder into one merged list with its report', ['check', 'ho-so/', '--plan', 'a', '--merge', 'tong-hop.xlsx', '--json', 'tong-hop.json'], { command: 'check', ...base, input: 'ho-so/', plan: 'a', merge: 'tong-hop.xlsx', json: 'tong-hop.json' } as Command],
])('%s', (_label, argv, expected) => {
  const got = parseCommand(argv) as unknown as Record<string, unknown>;
  // Options not given are absent or undefined alike.
  for (const k of Object.keys(got)) if (got[k] === undefined) delete got[k];
  expect(got).toEqual(expected);
});

test.each([
  ['--merge with --out', ['check', 'd/', '--plan', 'a', '--merge', 't.xlsx', '--out', 'o/'], 'ntm-awards check: --merge ghi một bảng tính tổng hợp; chạy --out riêng — --merge cannot be combined with --out'],
  ['--merge to a non-workbook', ['check', 'd/', '--plan', 'a', '--merge', 't.csv'], 'ntm-awards check: --merge t.csv: danh sách tổng hợp phải là tệp .xlsx — must be an .xlsx file'],
  ['export without --to', ['export', 'd/', '--plan', 'a', '--template', 'm.xlsx', '--out', 'n.xlsx'], 'ntm-awards export: chọn hệ thống bằng --to lifesoft — name the system'],
  ['export to an unknown system', ['export', 'd/', '--plan', 'a', '--to', 'x', '--template', 'm.xlsx', '--out', 'n.xlsx'], 'ntm-awards export: không biết hệ thống --to "x"; dùng lifesoft — unknown --to'],
  ['export without a template', ['export', 'd/', '--plan', 'a', '--to', 'lifesoft', '--out', 'n.xlsx'], 'ntm-awards export: chỉ ra mẫu nhập bằng --template <mau-nhap.xlsx> — name the import template'],
  ['export without --out', ['export', 'd/', '--plan', 'a', '--to', 'lifesoft', '--template', 'm.xlsx'], 'ntm-awards export: chỉ ra tệp cần ghi bằng --out <nhap.xlsx> — name the output'],
  ['export with --merge', ['export', 'd/', '--plan', 'a', '--to', 'lifesoft', '--template', 'm.xlsx', '--out', 'n.xlsx', '--merge', 't.xlsx'], 'ntm-awards export: --merge dùng với lệnh check; export đọc danh sách tổng hợp đã gộp như mọi danh sách — not an export option'],
  ['export with a mapping that is not a workbook', ['export', 'd/', '--plan', 'a', '--to', 'lifesoft', '--template', 'm.xlsx', '--out', 'n.xlsx', '--mapping', 'm.csv'], 'ntm-awards export: --mapping m.csv: tệp đối chiếu danh mục phải là tệp .xlsx — must be an .xlsx file'],
])('%s is refused with one line', (_label, argv, message) => {
  let error: unknown;
  try {
    parseCommand(argv);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).message).toBe(message);
});
