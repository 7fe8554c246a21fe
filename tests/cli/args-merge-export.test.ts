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
])('%s', (_label, argv, expected) => {
  const got = parseCommand(argv) as unknown as Record<string, unknown>;
  // Options not given are absent or undefined alike.
  for (const k of Object.keys(got)) if (got[k] === undefined) delete got[k];
  expect(got).toEqual(expected);
});

test.each([
  ['--merge with --out', ['check', 'd/', '--plan', 'a', '--merge', 't.xlsx', '--out', 'o/'], 'ntm-awards check: --merge writes one consolidated workbook; run --out or --json separately'],
  ['--merge to a non-workbook', ['check', 'd/', '--plan', 'a', '--merge', 't.csv'], 'ntm-awards check: --merge t.csv: the merged list must be an .xlsx file'],
  ['export without --to', ['export', 'd/', '--plan', 'a', '--template', 'm.xlsx', '--out', 'n.xlsx'], 'ntm-awards export: name the system with --to lifesoft'],
  ['export to an unknown system', ['export', 'd/', '--plan', 'a', '--to', 'x', '--template', 'm.xlsx', '--out', 'n.xlsx'], 'ntm-awards export: unknown --to "x"; use lifesoft'],
  ['export without a template', ['export', 'd/', '--plan', 'a', '--to', 'lifesoft', '--out', 'n.xlsx'], 'ntm-awards export: name the import template with --template <mau-nhap.xlsx>'],
  ['export without --out', ['export', 'd/', '--plan', 'a', '--to', 'lifesoft', '--template', 'm.xlsx'], 'ntm-awards export: name the file to write with --out <nhap.xlsx>'],
  ['export with --json', ['export', 'd/', '--plan', 'a', '--to', 'lifesoft', '--template', 'm.xlsx', '--out', 'n.xlsx', '--json', 'r.json'], 'ntm-awards export: --json and --merge belong to check; export writes only the filled template (--out)'],
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
