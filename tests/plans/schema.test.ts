import fs from 'node:fs';
import path from 'node:path';
import { validatePlan } from '../../src/core/plan-schema';

const dir = path.join(__dirname, '../../src/plans');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('every shipped plan file passes the schema that user plan files must pass', () => {
  test.each(files)('%s is valid', (file) => {
    const result = validatePlan(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    if (!result.ok) throw new Error(result.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    expect(result.plan.id).toBe(file.replace(/\.json$/, ''));
  });
});
