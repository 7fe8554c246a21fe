/**
 * Build step: writes dist/plan.schema.json from the zod plan schema (see src/core/plan-json-schema.ts)
 * and dist/report.schema.json from the JSON report's (src/core/report-schema.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { planJsonSchema } from '../src/core/plan-json-schema';
import { reportJsonSchema } from '../src/core/report-schema';

const root = path.resolve(__dirname, '..', fs.existsSync(path.resolve(__dirname, '../package.json')) ? '' : '..');
for (const [name, schema] of [
  ['plan.schema.json', planJsonSchema()],
  ['report.schema.json', reportJsonSchema()],
] as const) {
  const out = path.join(root, 'dist', name);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(schema, null, 2) + '\n');
  fs.renameSync(tmp, out);
  process.stdout.write(`wrote ${path.relative(root, out)}\n`);
}
