/** Command-line parsing (spec §6) as a table: argv → typed command, or the one-line CliError. */
import { parseCommand, type Command } from '../../src/cli/args';
import { CliError } from '../../src/cli/errors';

const checkDefaults = { command: 'check', map: {}, blankIsNo: false, force: false } as const;

const VALID: [string, string[], Command][] = [
  ['no arguments print the usage', [], { command: 'help' }],
  ['help', ['help'], { command: 'help' }],
  ['--help', ['--help'], { command: 'help' }],
  ['-h', ['-h'], { command: 'help' }],
  ['--version', ['--version'], { command: 'version' }],
  ['-v', ['-v'], { command: 'version' }],
  ['plans', ['plans'], { command: 'plans' }],
  ['check a workbook with a shipped plan', ['check', 'ds.xlsx', '--plan', 'thach-ha-2022'], { ...checkDefaults, input: 'ds.xlsx', plan: 'thach-ha-2022' } as Command],
  ['check a folder with a plan file', ['check', 'cac-xa/', '--plan-file', 'ke-hoach.json'], { ...checkDefaults, input: 'cac-xa/', planFile: 'ke-hoach.json' } as Command],
  [
    'every check option',
    [
      'check',
      'ds.xlsx',
      '--plan',
      'dak-nong-2022',
      '--round',
      'so-ket',
      '--year',
      '2023',
      '--sheet',
      'Danh sách',
      '--as-of',
      '2023-12-31',
      '--deadline',
      '2023-12-05',
      '--map',
      'Ngày trình=F',
      '--map',
      'Đối tượng=Loại hình',
      '--blank-is-no',
      '--out',
      'ket-qua.xlsx',
      '--json',
      'bao-cao.json',
      '--force',
    ],
    {
      command: 'check',
      input: 'ds.xlsx',
      plan: 'dak-nong-2022',
      round: 'so-ket',
      year: 2023,
      sheet: 'Danh sách',
      asOf: '2023-12-31',
      deadline: '2023-12-05',
      map: { 'Ngày trình': 'F', 'Đối tượng': 'Loại hình' },
      blankIsNo: true,
      out: 'ket-qua.xlsx',
      json: 'bao-cao.json',
      force: true,
    },
  ],
  ['options before the file', ['check', '--plan', 'hong-linh-2022', '--round', 'tong-ket', 'ds.xlsx'], { ...checkDefaults, input: 'ds.xlsx', plan: 'hong-linh-2022', round: 'tong-ket' } as Command],
  ['--opt=value form', ['check', 'ds.xlsx', '--plan=quynh-nhai-2022', '--year=2025'], { ...checkDefaults, input: 'ds.xlsx', plan: 'quynh-nhai-2022', year: 2025 } as Command],
  ['--map trims around "=" and keeps "=" inside the header text', ['check', 'ds.xlsx', '--plan', 'x', '--map', ' Ngày trình = Ngày gửi (=ngày nhận) '], { ...checkDefaults, input: 'ds.xlsx', plan: 'x', map: { 'Ngày trình': 'Ngày gửi (=ngày nhận)' } } as Command],
  ['the same --map header twice: the last wins', ['check', 'ds.xlsx', '--plan', 'x', '--map', 'Ngày trình=E', '--map', 'Ngày trình=F'], { ...checkDefaults, input: 'ds.xlsx', plan: 'x', map: { 'Ngày trình': 'F' } } as Command],
  ['a leap day deadline', ['check', 'ds.xlsx', '--plan', 'x', '--deadline', '2024-02-29'], { ...checkDefaults, input: 'ds.xlsx', plan: 'x', deadline: '2024-02-29' } as Command],
  ['an unknown plan id is the plan loader’s business, not the parser’s', ['check', 'ds.xlsx', '--plan', 'ha-noi-2030'], { ...checkDefaults, input: 'ds.xlsx', plan: 'ha-noi-2030' } as Command],
  ['template', ['template', '--plan', 'nguyen-binh-2022', '--out', 'mau.xlsx'], { command: 'template', plan: 'nguyen-binh-2022', subject: undefined, out: 'mau.xlsx', force: false }],
  [
    'template for one subject, replacing the file',
    ['template', '--plan-file', 'kh.json', '--subject', 'ho-gia-dinh', '--out', 'mau.xlsx', '--force'],
    { command: 'template', planFile: 'kh.json', subject: 'ho-gia-dinh', out: 'mau.xlsx', force: true },
  ],
];

test.each(VALID)('%s', (_label, argv, expected) => {
  expect(parseCommand(argv)).toEqual(expected);
});

const INVALID: [string, string[], string][] = [
  ['an unknown command', ['kiem-tra'], 'ntm-awards: unknown command "kiem-tra"; use check, export, plans or template (ntm-awards --help)'],
  ['plans with an argument', ['plans', 'thach-ha-2022'], 'ntm-awards plans: unexpected argument "thach-ha-2022"'],
  ['check without a workbook', ['check', '--plan', 'thach-ha-2022'], 'ntm-awards check: name the workbook or folder to check'],
  ['check with two workbooks', ['check', 'a.xlsx', 'b.xlsx', '--plan', 'thach-ha-2022'], 'ntm-awards check: one workbook or folder at a time (got 2)'],
  ['check without a plan', ['check', 'ds.xlsx'], 'ntm-awards check: choose a plan with --plan <mã> (see "ntm-awards plans") or --plan-file <tệp.json>'],
  ['check with both plan options', ['check', 'ds.xlsx', '--plan', 'a', '--plan-file', 'b.json'], 'ntm-awards check: give --plan or --plan-file, not both'],
  ['an unknown option', ['check', 'ds.xlsx', '--plan', 'a', '--bogus'], "ntm-awards check: Unknown option '--bogus'"],
  ['an option without its value', ['check', 'ds.xlsx', '--plan'], "ntm-awards check: Option '--plan <value>' argument missing"],
  ['a value for a flag', ['check', 'ds.xlsx', '--plan', 'a', '--force=yes'], "ntm-awards check: Option '--force' does not take an argument"],
  ['an unknown round', ['check', 'ds.xlsx', '--plan', 'a', '--round', 'hang-nam'], 'ntm-awards check: unknown --round "hang-nam"; use annual, so-ket or tong-ket'],
  ['a round label instead of its id', ['check', 'ds.xlsx', '--plan', 'a', '--round', 'Sơ kết'], 'ntm-awards check: unknown --round "Sơ kết"; use annual, so-ket or tong-ket'],
  ['a two-digit year', ['check', 'ds.xlsx', '--plan', 'a', '--year', '23'], 'ntm-awards check: --year "23" is not a year (YYYY)'],
  ['a year out of range', ['check', 'ds.xlsx', '--plan', 'a', '--year', '1066'], 'ntm-awards check: --year "1066" is not a year (YYYY)'],
  ['a year with text', ['check', 'ds.xlsx', '--plan', 'a', '--year', '2023a'], 'ntm-awards check: --year "2023a" is not a year (YYYY)'],
  ['a day-first deadline', ['check', 'ds.xlsx', '--plan', 'a', '--deadline', '05/12/2023'], 'ntm-awards check: --deadline "05/12/2023" is not a date (YYYY-MM-DD)'],
  ['an impossible deadline', ['check', 'ds.xlsx', '--plan', 'a', '--deadline', '2023-02-29'], 'ntm-awards check: --deadline "2023-02-29" is not a date (YYYY-MM-DD)'],
  ['an impossible --as-of', ['check', 'ds.xlsx', '--plan', 'a', '--as-of', '2023-13-01'], 'ntm-awards check: --as-of "2023-13-01" is not a date (YYYY-MM-DD)'],
  ['--map without "="', ['check', 'ds.xlsx', '--plan', 'a', '--map', 'Ngày trình'], 'ntm-awards check: --map "Ngày trình" must be "Tiêu đề chuẩn=cột" (a column letter such as F, or the sheet\'s own header)'],
  ['--map without a header', ['check', 'ds.xlsx', '--plan', 'a', '--map', '=F'], 'ntm-awards check: --map "=F" must be "Tiêu đề chuẩn=cột" (a column letter such as F, or the sheet\'s own header)'],
  ['--map without a column', ['check', 'ds.xlsx', '--plan', 'a', '--map', 'Ngày trình='], 'ntm-awards check: --map "Ngày trình=" must be "Tiêu đề chuẩn=cột" (a column letter such as F, or the sheet\'s own header)'],
  ['template without --out', ['template', '--plan', 'a'], 'ntm-awards template: name the file to write with --out <tệp.xlsx>'],
  ['template without a plan', ['template', '--out', 'mau.xlsx'], 'ntm-awards template: choose a plan with --plan <mã> (see "ntm-awards plans") or --plan-file <tệp.json>'],
  ['template with a positional argument', ['template', 'mau.xlsx', '--plan', 'a', '--out', 'b.xlsx'], 'ntm-awards template: unexpected argument "mau.xlsx"'],
  ['template for an unknown subject', ['template', '--plan', 'a', '--subject', 'Xã', '--out', 'mau.xlsx'], 'ntm-awards template: unknown --subject "Xã"; use one of co-quan, huyen, xa, thon, doanh-nghiep, hop-tac-xa, ngan-hang, ho-gia-dinh, can-bo, nguoi-lao-dong, khac'],
];

test.each(INVALID)('%s is refused with one line and exit code 2', (_label, argv, message) => {
  let error: unknown;
  try {
    parseCommand(argv);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CliError);
  expect({ message: (error as CliError).message, exitCode: (error as CliError).exitCode }).toEqual({ message, exitCode: 2 });
  expect((error as CliError).message).not.toContain('\n');
});
