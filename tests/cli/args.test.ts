/** Command-line parsing (spec §6) as a table: argv → typed command, or the one-line CliError. */
import { parseCommand, type Command } from '../../src/cli/args';
import { CliError } from '../../src/cli/errors';

const checkDefaults = { command: 'check', map: {}, blankIsNo: false, force: false, quiet: false } as const;

const VALID: [string, string[], Command][] = [
  ['no arguments print the usage', [], { command: 'help' }],
  ['help', ['help'], { command: 'help' }],
  ['--help', ['--help'], { command: 'help' }],
  ['-h', ['-h'], { command: 'help' }],
  ['--version', ['--version'], { command: 'version' }],
  ['-v', ['-v'], { command: 'version' }],
  ['plans', ['plans'], { command: 'plans' }],
  ['check a workbook with a shipped plan', ['check', 'ds.xlsx', '--plan', 'thach-ha-2022'], { ...checkDefaults, input: 'ds.xlsx', plan: 'thach-ha-2022' } as Command],
  [
    'check with the list\'s plan and higher plans, in the order given',
    ['check', 'ds.xlsx', '--plan-file', 'qd3351.xlsx', '--plan', 'thach-ha-2022', '--plan-file', 'qd587.json'],
    { ...checkDefaults, input: 'ds.xlsx', planFile: 'qd3351.xlsx', morePlans: [{ plan: 'thach-ha-2022' }, { planFile: 'qd587.json' }] } as Command,
  ],
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
      '--quiet',
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
      quiet: true,
    },
  ],
  ['options before the file', ['check', '--plan', 'hong-linh-2022', '--round', 'tong-ket', 'ds.xlsx'], { ...checkDefaults, input: 'ds.xlsx', plan: 'hong-linh-2022', round: 'tong-ket' } as Command],
  ['-q is --quiet', ['check', 'ds.xlsx', '--plan', 'x', '-q'], { ...checkDefaults, input: 'ds.xlsx', plan: 'x', quiet: true } as Command],
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
  ['an unknown command', ['kiem-tra'], 'ntm-awards: không có lệnh "kiem-tra"; dùng check, export, plan, plans hoặc template (xem ntm-awards --help) — unknown command'],
  ['plans with an argument', ['plans', 'thach-ha-2022'], 'ntm-awards plans: thừa tham số "thach-ha-2022" — unexpected argument'],
  ['check without a workbook', ['check', '--plan', 'thach-ha-2022'], 'ntm-awards check: hãy ghi tên bảng tính hoặc thư mục cần kiểm tra — name the workbook or folder to check'],
  ['check with two workbooks', ['check', 'a.xlsx', 'b.xlsx', '--plan', 'thach-ha-2022'], 'ntm-awards check: mỗi lần chỉ kiểm tra một bảng tính hoặc một thư mục (đã ghi 2) — one input at a time'],
  ['check without a plan', ['check', 'ds.xlsx'], 'ntm-awards check: hãy chọn kế hoạch bằng --plan <mã> (xem "ntm-awards plans") hoặc --plan-file <tệp.json> — choose a plan'],
  ['an unknown option', ['check', 'ds.xlsx', '--plan', 'a', '--bogus'], 'ntm-awards check: không có tùy chọn --bogus (xem ntm-awards --help) — unknown option'],
  ['an unknown short option', ['check', 'ds.xlsx', '--plan', 'a', '-x'], 'ntm-awards check: không có tùy chọn -x (xem ntm-awards --help) — unknown option'],
  ['an option without its value', ['check', 'ds.xlsx', '--plan'], 'ntm-awards check: tùy chọn --plan cần một giá trị — option needs a value'],
  ['a value for a flag', ['check', 'ds.xlsx', '--plan', 'a', '--force=yes'], 'ntm-awards check: tùy chọn --force không nhận giá trị — option takes no value'],
  ['a value for --quiet', ['check', 'ds.xlsx', '--plan', 'a', '--quiet=no'], 'ntm-awards check: tùy chọn --quiet không nhận giá trị — option takes no value'],
  ['an unknown round', ['check', 'ds.xlsx', '--plan', 'a', '--round', 'hang-nam'], 'ntm-awards check: không có đợt --round "hang-nam"; dùng annual, so-ket hoặc tong-ket — unknown round'],
  ['a round label instead of its id', ['check', 'ds.xlsx', '--plan', 'a', '--round', 'Sơ kết'], 'ntm-awards check: không có đợt --round "Sơ kết"; dùng annual, so-ket hoặc tong-ket — unknown round'],
  ['a two-digit year', ['check', 'ds.xlsx', '--plan', 'a', '--year', '23'], 'ntm-awards check: --year "23" không phải một năm (YYYY) — not a year'],
  ['a year out of range', ['check', 'ds.xlsx', '--plan', 'a', '--year', '1066'], 'ntm-awards check: --year "1066" không phải một năm (YYYY) — not a year'],
  ['a year with text', ['check', 'ds.xlsx', '--plan', 'a', '--year', '2023a'], 'ntm-awards check: --year "2023a" không phải một năm (YYYY) — not a year'],
  ['a day-first deadline', ['check', 'ds.xlsx', '--plan', 'a', '--deadline', '05/12/2023'], 'ntm-awards check: --deadline "05/12/2023" không phải một ngày (YYYY-MM-DD) — not a date'],
  ['an impossible deadline', ['check', 'ds.xlsx', '--plan', 'a', '--deadline', '2023-02-29'], 'ntm-awards check: --deadline "2023-02-29" không phải một ngày (YYYY-MM-DD) — not a date'],
  ['an impossible --as-of', ['check', 'ds.xlsx', '--plan', 'a', '--as-of', '2023-13-01'], 'ntm-awards check: --as-of "2023-13-01" không phải một ngày (YYYY-MM-DD) — not a date'],
  ...(['Ngày trình', '=F', 'Ngày trình='] as const).map(
    (entry): [string, string[], string] => [
      `--map "${entry}"`,
      ['check', 'ds.xlsx', '--plan', 'a', '--map', entry],
      `ntm-awards check: --map "${entry}" phải có dạng "Tiêu đề chuẩn=cột" (chữ cột như F, hoặc tiêu đề của chính trang tính) — expected "Header=column"`,
    ],
  ),
  ['template without --out', ['template', '--plan', 'a'], 'ntm-awards template: hãy ghi tệp cần tạo bằng --out <tệp.xlsx> — name the file with --out'],
  ['template without a plan', ['template', '--out', 'mau.xlsx'], 'ntm-awards template: hãy chọn kế hoạch bằng --plan <mã> (xem "ntm-awards plans") hoặc --plan-file <tệp.json> — choose a plan'],
  ['template with a positional argument', ['template', 'mau.xlsx', '--plan', 'a', '--out', 'b.xlsx'], 'ntm-awards template: thừa tham số "mau.xlsx" — unexpected argument'],
  [
    'template for an unknown subject',
    ['template', '--plan', 'a', '--subject', 'Xã', '--out', 'mau.xlsx'],
    'ntm-awards template: không có loại đối tượng --subject "Xã"; dùng một trong co-quan, huyen, xa, thon, doanh-nghiep, hop-tac-xa, ngan-hang, ho-gia-dinh, can-bo, nguoi-lao-dong, khac — unknown subject',
  ],
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
