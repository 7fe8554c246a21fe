/**
 * functions.ts, the entry Excel calls: each function forwards to the adapter and turns its errors
 * into CustomFunctions.Error when the runtime is there; without the runtime nothing breaks.
 */
import { tierLabel } from '../../src/core/report';
import { MESSAGES } from '../../src/functions/adapter';
import * as entry from '../../src/functions/functions';
import { SETTINGS_KEY } from '../../src/functions/settings';
import { CASE_FILES, excelRow, planHeaders } from './fixtures';

class FakeError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

const g = globalThis as Record<string, unknown>;
const file = CASE_FILES.find((f) => f.plan === 'thach-ha-2022')!;
const headers = planHeaders(file.plan);
const row = excelRow(file.plan, headers, file.rows[0].cells); // TH-01, eligible

afterEach(() => {
  delete g.CustomFunctions;
  delete g.Office;
});

function withRuntime() {
  const associate = jest.fn();
  g.CustomFunctions = { associate, Error: FakeError };
  return associate;
}

function withSettings(saved: unknown) {
  g.Office = { context: { document: { settings: { get: (k: string) => (k === SETTINGS_KEY ? saved : undefined), set: () => undefined } } } };
}

test('outside Excel the functions still answer, and errors stay plain FunctionErrors', async () => {
  await expect(entry.eligible([row], [headers])).rejects.toMatchObject({ name: 'FunctionError', code: '#VALUE!', message: MESSAGES.noPlan });
  expect(entry.plans()).toHaveLength(5);
});

test('inside Excel an adapter error becomes a CustomFunctions.Error with its code and message', async () => {
  withRuntime();
  const err = await entry.eligible([row], [headers]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(FakeError);
  expect(err).toEqual(new FakeError('#VALUE!', MESSAGES.noPlan));
  await expect(entry.check([[1]])).rejects.toBeInstanceOf(FakeError);
});

test('the plan chosen in the pane is read from the workbook settings', async () => {
  withRuntime();
  withSettings({ plan: file.plan, year: 2023 });
  await expect(entry.eligible([row], [headers])).resolves.toEqual([[true]]);
  await expect(entry.awardTier([row], [headers])).resolves.toEqual([[tierLabel('giay-khen')]]);
  await expect(entry.missing([row], [headers])).resolves.toEqual([['']]);
  await expect(entry.deadline([row], [headers])).resolves.toEqual([['Đúng hạn']]);
  const reasons = await entry.reasons([row], [headers]);
  expect(reasons).toHaveLength(1);
  expect(reasons[0]).toHaveLength(1);
  expect(reasons[0][0]).toMatch(/^✓ /);
  expect((await entry.check([headers, row]))[1][0]).toBe('Đủ điều kiện');
});

test('the associate calls added at build time register with the runtime, and do nothing without it', () => {
  expect(() => entry.CustomFunctions.associate('ELIGIBLE', entry.eligible)).not.toThrow();
  const associate = withRuntime();
  entry.CustomFunctions.associate('ELIGIBLE', entry.eligible);
  expect(associate).toHaveBeenCalledWith('ELIGIBLE', entry.eligible);
});
