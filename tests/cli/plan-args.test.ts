/** `ntm-awards plan …` arguments as a table: each action's shape, and one line for each mistake. */
import { parseCommand } from '../../src/cli/args';

test.each([
  [['plan', 'export', 'thach-ha-2022', '--out', 'kh.xlsx'], { command: 'plan', action: 'export', source: 'thach-ha-2022', out: 'kh.xlsx', oneSheet: false, force: false }],
  [['plan', 'export', 'kh.json', '--out', 'kh.xlsx', '--one-sheet', '--force'], { command: 'plan', action: 'export', source: 'kh.json', out: 'kh.xlsx', oneSheet: true, force: true }],
  [['plan', 'check', 'kh.xlsx'], { command: 'plan', action: 'check', file: 'kh.xlsx' }],
  [['plan', 'build', 'kh.xlsx', '--out', 'kh.json'], { command: 'plan', action: 'build', file: 'kh.xlsx', out: 'kh.json', force: false }],
  [['plan', 'show', 'dak-nong-2022'], { command: 'plan', action: 'show', source: 'dak-nong-2022' }],
  [['plan', 'new', '--out', 'kh.xlsx'], { command: 'plan', action: 'new', out: 'kh.xlsx', force: false }],
  [['plan', 'new', '--out', 'kh.xlsx', '--force'], { command: 'plan', action: 'new', out: 'kh.xlsx', force: true }],
  [['plan', 'diff', 'thach-ha-2022', 'kh.xlsx'], { command: 'plan', action: 'diff', first: 'thach-ha-2022', second: 'kh.xlsx' }],
])('%j', (argv, expected) => {
  expect(parseCommand(argv)).toEqual(expected);
});

test.each([
  [['plan'], 'ntm-awards plan: thiếu việc cần làm; dùng new, export, check, build, show hoặc diff (ntm-awards --help) — missing action'],
  [['plan', 'sua', 'kh.xlsx'], 'ntm-awards plan: không có lệnh "sua"; dùng new, export, check, build, show hoặc diff (ntm-awards --help) — unknown action'],
  [['plan', 'export', 'thach-ha-2022'], 'ntm-awards plan export: ghi tệp sổ kế hoạch cần tạo bằng --out <ke-hoach.xlsx> — name the .xlsx to write with --out'],
  [['plan', 'build', 'kh.xlsx', '--out', 'kh.xlsx'], 'ntm-awards plan build: ghi tệp kế hoạch JSON cần tạo bằng --out <kế-hoạch.json> — name the .json to write with --out'],
  [['plan', 'check'], 'ntm-awards plan check: ghi mã kế hoạch hoặc tệp kế hoạch — name the plan or plan file'],
  [['plan', 'check', 'a.xlsx', 'b.xlsx'], 'ntm-awards plan check: một kế hoạch mỗi lần (nhận 2) — one plan at a time'],
  [['plan', 'check', 'a.xlsx', '--out', 'x.json'], 'ntm-awards plan check: không dùng --out (xem ntm-awards --help) — option not used by this action'],
  [['plan', 'export', 'thach-ha-2022', '--bogus'], 'ntm-awards plan export: không có tùy chọn --bogus (xem ntm-awards --help) — unknown option'],
  [['plan', 'export', 'thach-ha-2022', '--out'], 'ntm-awards plan export: tùy chọn --out cần một giá trị — option needs a value'],
  [['plan', 'build', 'kh.xlsx', '--force=yes', '--out', 'kh.json'], 'ntm-awards plan build: tùy chọn --force không nhận giá trị — option takes no value'],
  [['plan', 'new'], 'ntm-awards plan new: ghi tệp sổ kế hoạch cần tạo bằng --out <ke-hoach.xlsx> — name the workbook with --out'],
  [['plan', 'new', 'thach-ha-2022', '--out', 'kh.xlsx'], 'ntm-awards plan new: không nhận “thach-ha-2022”; chỉ ghi --out <ke-hoach.xlsx> — takes no plan, only --out'],
  [['plan', 'new', '--out', 'kh.xlsx', '--one-sheet'], 'ntm-awards plan new: không dùng --one-sheet — option not used here'],
  [['plan', 'diff', 'a.xlsx'], 'ntm-awards plan diff: ghi hai kế hoạch cần so sánh (nhận 1) — give two plans'],
  [['plan', 'diff', 'a.xlsx', 'b.xlsx', '--force'], 'ntm-awards plan diff: không dùng --force — option not used here'],
])('%j is refused with one line, Vietnamese first, then the English gist', (argv, message) => {
  expect(() => parseCommand(argv)).toThrow(message);
});
