import { remember } from '../../src/core/memo';

test('a cache never holds more than its bound, and what it returns is always the value given', () => {
  const cache = new Map<number, string>();
  for (let i = 0; i < 25; i++) {
    expect(remember(cache, 10, i, `v${i}`)).toBe(`v${i}`);
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(cache.get(i)).toBe(`v${i}`);
  }
  // Cleared when full: the last values met are the ones kept.
  expect([...cache.keys()]).toEqual([20, 21, 22, 23, 24]);
});
