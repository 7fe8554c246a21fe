/** An office's own plan file is validated like the shipped ones, with errors that name the path inside it. */
import { loadPlan } from '../../src/core/compile';
import thachHa from '../../src/plans/thach-ha-2022.json';
import { shippedPlans } from '../../src/plans';

const clone = () => JSON.parse(JSON.stringify(thachHa));

test.each([
  ['a criterion without a citation', (p: any) => delete p.subjects.xa.criteria.any[1].cite, 'subjects.xa.criteria'],
  ['an unknown column', (p: any) => (p.subjects.thon.criteria.any[0].column = 'Cột lạ'), 'subjects.thon.criteria.any.0.column'],
  ['a scale value the column does not have', (p: any) => (p.subjects.thon.criteria.any[1].test.value = 'Xuất sắc'), 'subjects.thon.criteria.any.1.test.value'],
  ['a test that does not fit the column type', (p: any) => (p.subjects.thon.criteria.any[0].test = { op: 'min', value: 3 }), 'subjects.thon.criteria.any.0.test.op'],
  ['an unknown round', (p: any) => (p.tiers['giay-khen'].rounds = ['monthly']), 'tiers.giay-khen.rounds.0'],
  ['a duplicated criterion id', (p: any) => (p.subjects.thon.criteria.any[1].id = 'c.1'), 'subjects.thon.criteria.any.1.id'],
  ['judgedAs a subject without criteria', (p: any) => (p.subjects.khac = { judgedAs: 'huyen', reading: 'x', cite: { ref: '§V', quote: 'x' } }), 'subjects.khac.judgedAs'],
])('rejects %s, naming %s', (_name, mutate, path) => {
  const p = clone();
  mutate(p);
  const r = loadPlan(p, 'my-plan.json');
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.issues.map((i) => i.path.join('.'))).toContainEqual(expect.stringContaining(path));
});

test('an office can add a plan with a column of its own, without code', () => {
  const p = clone();
  p.id = 'my-office-2024';
  p.columns = [{ header: 'Số năm liên tục', variants: [], type: 'year' }];
  p.subjects.thon.criteria.any.push({ id: 'c.3', label: 'Nhiều năm', column: 'Số năm liên tục', test: { op: 'min', value: 3 }, cite: { ref: '§X', quote: 'q' } });
  const r = loadPlan(p, 'my-plan.json');
  expect(r.ok).toBe(true);
  if (r.ok) expect(r.plan.criterionColumns).toContain('Số năm liên tục');
});

test('every criterion of every shipped plan cites a section and quotes the plan', () => {
  for (const plan of shippedPlans()) {
    const visit = (e: any): void => {
      if (e.column) {
        expect(e.cite.ref).toMatch(/^§/);
        expect(e.cite.quote.length).toBeGreaterThan(3);
      } else (e.all ?? e.any).forEach(visit);
    };
    for (const s of Object.values(plan.plan.subjects) as any[]) if (s.criteria) visit(s.criteria);
  }
});
