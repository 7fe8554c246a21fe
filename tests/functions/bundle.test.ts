/**
 * The built functions bundle: small enough to load fast (≤ 100 KB gzip, so no exceljs in it),
 * harmless on the task-pane page in a plain browser, and registering the seven functions in Excel.
 */
import vm from 'node:vm';
import zlib from 'node:zlib';
import { SETTINGS_KEY } from '../../src/functions/settings';
import { readDist } from './dist';
import { CASE_FILES, excelRow, planHeaders } from './fixtures';

const IDS = ['ELIGIBLE', 'AWARDTIER', 'MISSING', 'DEADLINE', 'REASONS', 'CHECK', 'PLANS'];

test('functions.js is at most 100 KB gzip', () => {
  const gz = zlib.gzipSync(readDist('functions.js')).length;
  expect(gz).toBeLessThanOrEqual(100 * 1024);
});

test('functions.js loads on a page without Office or the custom functions runtime', () => {
  const code = readDist('functions.js');
  expect(() => vm.runInContext(code, vm.createContext({}))).not.toThrow();
});

test('in Excel it associates each of the seven functions once, and they work without eval', async () => {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  // The page's Content-Security-Policy refuses eval: building a function from a string must not happen.
  const evals: unknown[] = [];
  const FunctionSpy = new Proxy(Function, {
    construct(_, args) {
      evals.push(args);
      throw new EvalError('refused by Content-Security-Policy');
    },
  });
  const file = CASE_FILES.find((f) => f.plan === 'thach-ha-2022')!;
  const saved = { plan: file.plan, year: 2023 };
  const context = vm.createContext({
    CustomFunctions: {
      associate: (id: string, fn: (...args: unknown[]) => unknown) => {
        if (associated.has(id)) throw new Error(`${id} associated twice`);
        associated.set(id, fn);
      },
      Error: class {
        constructor(
          readonly code: string,
          readonly message: string,
        ) {}
      },
    },
    Office: { context: { document: { settings: { get: (k: string) => (k === SETTINGS_KEY ? saved : undefined) } } } },
    Function: FunctionSpy,
  });
  vm.runInContext(readDist('functions.js'), context);
  expect([...associated.keys()]).toEqual(IDS);

  const headers = planHeaders(file.plan);
  const row = excelRow(file.plan, headers, file.rows[0].cells);
  await expect(associated.get('ELIGIBLE')?.([row], [headers], null, { parameterAddresses: ['', ''] })).resolves.toEqual([[true]]); // a 1×1 matrix: one cell, no spill
  expect((associated.get('PLANS')?.() as string[][]).length).toBe(5);
  expect(evals).toEqual([]);
});
