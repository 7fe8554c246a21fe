/** `ntm-awards plan …` arguments as a table: each action's shape, and one line for each mistake. */
import { parseCommand } from '../../src/cli/args';

test.each([
  [['plan', 'export', 'thach-ha-2022', '--out', 'kh.xlsx'], { command: 'plan', action: 'export', source: 'thach-ha-2022', out: 'kh.xlsx', oneSheet: false, force: false }],
  [['plan', 'export', 'kh.json', '--out', 'kh.xlsx', '--one-sheet', '--force'], { command: 'plan', action: 'export', source: 'kh.json', out: 'kh.xlsx', oneSheet: true, force: true }],
  [['plan', 'check', 'kh.xlsx'], { command: 'plan', action: 'check', file: 'kh.xlsx' }],
  [['plan', 'build', 'kh.xlsx', '--out', 'kh.json'], { command: 'plan', action: 'build', file: 'kh.xlsx', out: 'kh.json', force: false }],
  [['plan', 'show', 'dak-nong-2022'], { command: 'plan', action: 'show', source: 'dak-nong-2022' }],
  [['plan', 'diff', 'thach-ha-2022', 'kh.xlsx'], { command: 'plan', action: 'diff', first: 'thach-ha-2022', second: 'kh.xlsx' }],
])('%j', (argv, expected) => {
  expect(parseCommand(argv)).toEqual(expected);
});

test.each([
  [['plan'], 'ntm-awards plan: thiếu việc cần làm; dùng export, check, build, show hoặc diff (ntm-awards --help)'],
  [['plan', 'sua', 'kh.xlsx'], 'ntm-awards plan: không có lệnh "sua"; dùng export, check, build, show hoặc diff (ntm-awards --help)'],
  [['plan', 'export', 'thach-ha-2022'], 'ntm-awards plan export: ghi tệp sổ kế hoạch cần tạo bằng --out <ke-hoach.xlsx>'],
  [['plan', 'build', 'kh.xlsx', '--out', 'kh.xlsx'], 'ntm-awards plan build: ghi tệp kế hoạch JSON cần tạo bằng --out <kế-hoạch.json>'],
  [['plan', 'check'], 'ntm-awards plan check: ghi mã kế hoạch hoặc tệp kế hoạch'],
  [['plan', 'check', 'a.xlsx', 'b.xlsx'], 'ntm-awards plan check: một kế hoạch mỗi lần (nhận 2)'],
  [['plan', 'check', 'a.xlsx', '--out', 'x.json'], 'ntm-awards plan check: không dùng --out'],
  [['plan', 'diff', 'a.xlsx'], 'ntm-awards plan diff: ghi hai kế hoạch cần so sánh (nhận 1) — give two plans'],
  [['plan', 'diff', 'a.xlsx', 'b.xlsx', '--force'], 'ntm-awards plan diff: không dùng --force'],
])('%j is refused with one line', (argv, message) => {
  expect(() => parseCommand(argv)).toThrow(message);
});
