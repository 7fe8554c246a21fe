/** Build step: writes dist/plan.schema.json from the zod plan schema (see src/core/plan-json-schema.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { planJsonSchema } from '../src/core/plan-json-schema';

const root = path.resolve(__dirname, '..', fs.existsSync(path.resolve(__dirname, '../package.json')) ? '' : '..');
const out = path.join(root, 'dist', 'plan.schema.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
const tmp = `${out}.${process.pid}.tmp`;
fs.writeFileSync(tmp, JSON.stringify(planJsonSchema(), null, 2) + '\n');
fs.renameSync(tmp, out);
process.stdout.write(`wrote ${path.relative(root, out)}\n`);
