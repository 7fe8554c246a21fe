/**
 * Writes are atomic (issue item 4): outputs go to a temporary file beside the target and are
 * renamed, so a run killed at any point leaves no half-written --out or --json; Ctrl-C / kill
 * removes the run's temporary files (exit 130 / 143); an unwritable --out folder is refused first.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { loadCases } from '../helpers/cases';
import { assertBuilt, sha256 } from '../helpers/cli';
import { removeScenarios, run, scenario, setups, start, STACK_FRAME, type Run, type Started } from './run';

jest.setTimeout(120_000);

const TH = loadCases('thach-ha-2022');
const HEADERS = [...new Set(TH.rows.flatMap((c) => Object.keys(c.cells)))];
const PLAN = ['--plan', 'thach-ha-2022', '--year', '2023'];
/** Big enough that checking and writing take a few seconds on a busy 2-core machine. */
const ROWS = 6000;

/** A long list, written with exceljs's streaming writer (fast). */
async function bigList(file: string, rows = ROWS): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['STT', ...HEADERS]).commit();
  for (let i = 0; i < rows; i++) {
    const cells = TH.rows[i % TH.rows.length].cells;
    ws.addRow([i + 1, ...HEADERS.map((h) => (h === 'Tên tập thể, cá nhân' ? `${cells[h]} ${i + 1}` : (cells[h] ?? null)))]).commit();
  }
  ws.commit();
  await wb.commit();
}

const TEMP = /\.tmp$/;

/** Resolves with the first name in `dir` that `test` accepts (watching and polling), or null when the run ends first. */
function firstFile(dir: string, test: (name: string) => boolean, started: Started): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (v: string | null) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      watcher.close();
      resolve(v);
    };
    const look = () => {
      try {
        const hit = fs.readdirSync(dir).find(test);
        if (hit) finish(hit);
      } catch {
        // the folder may not exist yet
      }
    };
    const watcher = fs.watch(dir, look);
    const timer = setInterval(look, 5);
    void started.done.then(() => {
      look();
      finish(null);
    });
  });
}

const { setup, runSetups } = setups();

beforeAll(async () => {
  assertBuilt();
  await runSetups();
}, 300_000);

afterAll(() => removeScenarios());

describe('SIGKILL while the checked copy is being written', () => {
  let s: { run: Run; seen: string | null; out: string[]; inputSame: boolean };

  setup(async () => {
    const { dir, tmp } = scenario('kill');
    await bigList(path.join(dir, 'ds.xlsx'));
    fs.mkdirSync(path.join(dir, 'out'));
    const hash = sha256(path.join(dir, 'ds.xlsx'));
    const started = start(['check', 'ds.xlsx', ...PLAN, '--out', 'out/ds.checked.xlsx', '--json', 'out/r.json'], dir, tmp);
    const seen = await firstFile(path.join(dir, 'out'), (n) => TEMP.test(n), started);
    started.child.kill('SIGKILL');
    const r = await started.done;
    s = { run: r, seen, out: fs.readdirSync(path.join(dir, 'out')).sort(), inputSame: sha256(path.join(dir, 'ds.xlsx')) === hash };
  });

  test('the kill landed while a temporary file was being written beside the target', () => {
    expect(s.seen).toMatch(/^\.ds\.checked\.xlsx\.\d+\.[0-9a-f]+\.tmp$/);
    expect(s.run.signal).toBe('SIGKILL');
  });

  test('neither --out nor --json exists; at most the hidden temporary file is left', () => {
    expect(s.out).not.toContain('ds.checked.xlsx');
    expect(s.out).not.toContain('r.json');
    // A SIGKILL cannot be caught: the hidden temporary file may stay (never under the target's name).
    for (const name of s.out) expect(name).toMatch(/^\..*\.tmp$/);
  });

  test('the input is unchanged', () => {
    expect(s.inputSame).toBe(true);
  });
});

/**
 * A preload that holds a rename whose target ends with $NTM_HOLD: the output is complete under its
 * temporary name and the run is stopped right there, deterministically.
 */
const HOLD_RENAME = `
const fs = require('fs');
const held = (to) => {
  if (!process.env.NTM_HOLD || !String(to).endsWith(process.env.NTM_HOLD)) return false;
  // Tells the test the output is complete under its temporary name: it waits for this, not for a time.
  fs.writeFileSync(process.env.NTM_HOLD_SIGNAL, '');
  return true;
};
const renameSync = fs.renameSync;
fs.renameSync = function (from, to) {
  if (held(to)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
  return renameSync.apply(this, arguments);
};
// Without --force the final name is taken by a hard link (exclusive), then the temporary name goes.
const linkSync = fs.linkSync;
fs.linkSync = function (from, to) {
  if (held(to)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
  return linkSync.apply(this, arguments);
};
const link = fs.promises.link;
fs.promises.link = async function (from, to) {
  if (held(to)) await new Promise((r) => setTimeout(r, 60000));
  return link.apply(this, arguments);
};
const rename = fs.promises.rename;
fs.promises.rename = async function (from, to) {
  if (held(to)) await new Promise((r) => setTimeout(r, 60000));
  return rename.apply(this, arguments);
};
`;

/** The file the held rename creates once it holds, beside the scenario's folders. */
const HELD = 'rename-held';

/** Resolves once the run holds its rename (true), or ends without holding it (false). */
async function heldRename(tmp: string, started: Started): Promise<boolean> {
  return (await firstFile(path.join(tmp, '..'), (n) => n === HELD, started)) !== null;
}

function startHeld(args: string[], dir: string, tmp: string, hold: string): Started {
  const hook = path.join(tmp, '..', 'hold-rename.js');
  fs.writeFileSync(hook, HOLD_RENAME);
  const prev = { NODE_OPTIONS: process.env.NODE_OPTIONS, NTM_HOLD: process.env.NTM_HOLD, NTM_HOLD_SIGNAL: process.env.NTM_HOLD_SIGNAL };
  process.env.NODE_OPTIONS = `${prev.NODE_OPTIONS ?? ''} --require ${hook}`.trim();
  process.env.NTM_HOLD = hold;
  process.env.NTM_HOLD_SIGNAL = path.join(tmp, '..', HELD);
  try {
    return start(args, dir, tmp);
  } finally {
    for (const [k, v] of Object.entries(prev)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('the JSON report is written under a temporary name, then renamed', () => {
  let s: { run: Run; seen: string | null; tmpComplete: boolean; out: string[]; after: string[] };

  setup(async () => {
    const { dir, tmp } = scenario('report-held');
    await bigList(path.join(dir, 'ds.xlsx'), 200);
    const started = startHeld(['check', 'ds.xlsx', ...PLAN, '--json', 'r.json'], dir, tmp, 'r.json');
    const seen = await firstFile(dir, (n) => /^\.r\.json\.\d+\.tmp$/.test(n), started);
    // Once the rename is held, the report is complete under its temporary name, absent under its own.
    const held = await heldRename(tmp, started);
    let tmpComplete = false;
    try {
      tmpComplete = held && seen !== null && (JSON.parse(fs.readFileSync(path.join(dir, seen), 'utf8')) as { rows: unknown[] }).rows.length === 200;
    } catch {
      tmpComplete = false;
    }
    const out = fs.readdirSync(dir).sort();
    started.child.kill('SIGKILL');
    s = { run: await started.done, seen, tmpComplete, out, after: fs.readdirSync(dir).sort() };
  });

  test('while the rename is pending: a complete temporary report, no r.json', () => {
    expect(s.seen).not.toBeNull();
    expect(s.tmpComplete).toBe(true);
    expect(s.out).not.toContain('r.json');
  });

  test('killed there, r.json never appears', () => {
    expect(s.run.signal).toBe('SIGKILL');
    expect(s.after).not.toContain('r.json');
  });
});

describe('SIGTERM and SIGINT remove the temporary files and exit 143 / 130', () => {
  let term: { run: Run; seen: string | null; out: string[]; tmp: string[] };
  let int: { run: Run; seen: string | null; work: string[]; tmp: string[] };

  setup(async () => {
    await Promise.all([
      (async () => {
        // SIGTERM with the checked copy complete under its temporary name (the rename held).
        const { dir, tmp } = scenario('term');
        await bigList(path.join(dir, 'ds.xlsx'), 300);
        fs.mkdirSync(path.join(dir, 'out'));
        const started = startHeld(['check', 'ds.xlsx', ...PLAN, '--out', 'out/ds.checked.xlsx', '--json', 'out/r.json'], dir, tmp, 'ds.checked.xlsx');
        const seen = await firstFile(path.join(dir, 'out'), (n) => TEMP.test(n), started);
        expect(await heldRename(tmp, started)).toBe(true);
        started.child.kill('SIGTERM');
        const r = await started.done;
        term = { run: r, seen, out: fs.readdirSync(path.join(dir, 'out')), tmp: fs.readdirSync(tmp) };
      })(),
      (async () => {
        // SIGINT while the rows are being checked: the rows spilled to TMPDIR must go too.
        const { dir, tmp } = scenario('int');
        await bigList(path.join(dir, 'ds.xlsx'));
        const started = start(['check', 'ds.xlsx', ...PLAN, '--out', 'ds.checked.xlsx', '--json', 'r.json'], dir, tmp);
        const seen = await firstFile(tmp, (n) => n.startsWith('ntm-awards-'), started);
        started.child.kill('SIGINT');
        const r = await started.done;
        int = { run: r, seen, work: fs.readdirSync(dir).sort(), tmp: fs.readdirSync(tmp).filter((n) => n.startsWith('ntm-awards-')) };
      })(),
    ]);
  });

  test('SIGTERM: exit 143 and one line', () => {
    expect(term.seen).toMatch(/^\.ds\.checked\.xlsx\.\d+\.[0-9a-f]+\.tmp$/);
    expect({ exitCode: term.run.exitCode, signal: term.run.signal }).toEqual({ exitCode: 143, signal: null });
    expect(term.run.stderr).toBe('ntm-awards: đã dừng (SIGTERM); đã xóa tệp tạm, không để lại tệp ghi dở — interrupted, temporary files removed\n');
    expect(term.run.stderr).not.toMatch(STACK_FRAME);
  });

  test('SIGTERM: no temporary file, no copy, no report left', () => {
    expect(term.out).toEqual([]);
    expect(term.tmp.filter((n) => n.startsWith('ntm-awards-'))).toEqual([]);
  });

  test('SIGINT while checking: exit 130, one line, the spilled rows removed, nothing written', () => {
    expect(int.seen).toMatch(/^ntm-awards-\d+-\d+-\d+\.(rows\.json|results\.bin|review\.bin|late\.bin)$/);
    expect({ exitCode: int.run.exitCode, signal: int.run.signal }).toEqual({ exitCode: 130, signal: null });
    expect(int.run.stderr).toBe('ntm-awards: đã dừng (SIGINT); đã xóa tệp tạm, không để lại tệp ghi dở — interrupted, temporary files removed\n');
    expect(int.tmp).toEqual([]);
    expect(int.work).toEqual(['ds.xlsx']);
  });
});

describe('an --out folder that cannot be written', () => {
  // Root ignores permissions: detect it by trying, and skip rather than pass falsely.
  const probe = scenario('ro-probe');
  const ro = path.join(probe.dir, 'ro');
  fs.mkdirSync(ro);
  fs.chmodSync(ro, 0o555);
  let writable = false;
  try {
    fs.writeFileSync(path.join(ro, 'x'), '');
    writable = true;
  } catch {
    writable = false;
  }
  fs.chmodSync(ro, 0o755);

  (writable ? test.skip : test)('read-only (0555): exit 2, one line naming it, nothing left (skipped as root)', async () => {
    const { dir, tmp } = scenario('ro');
    await bigList(path.join(dir, 'ds.xlsx'), 50);
    const out = path.join(dir, 'chi-doc');
    fs.mkdirSync(out);
    fs.chmodSync(out, 0o555);
    try {
      const r = await run(['check', 'ds.xlsx', ...PLAN, '--out', 'chi-doc/ds.checked.xlsx', '--json', 'chi-doc/r.json'], dir, tmp);
      expect({ exitCode: r.exitCode, stdout: r.stdout }).toEqual({ exitCode: 2, stdout: '' });
      expect(r.stderr).toMatch(/^ntm-awards: --out chi-doc\/ds\.checked\.xlsx: không ghi được vào đó \([^\n]*EACCES\); [^\n]+\n$/);
      expect(fs.readdirSync(out)).toEqual([]);
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      fs.chmodSync(out, 0o755);
    }
  });
});
