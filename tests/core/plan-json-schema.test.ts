/**
 * The JSON Schema shipped as dist/plan.schema.json (generated from the zod schema) accepts every
 * shipped plan file and rejects broken ones. A small validator for the keywords the schema uses
 * stands in for an editor's: if the generator starts using another keyword, the test says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { planJsonSchema } from '../../src/core/plan-json-schema';

type S = Record<string, unknown>;
const KNOWN = new Set(['$schema', '$id', '$defs', '$ref', 'title', 'description', 'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'pattern', 'minLength', 'minItems', 'minimum', 'maximum', 'exclusiveMinimum', 'propertyNames', 'default', 'format']);

function validate(root: S, schema: S, v: unknown, at: string, errors: string[]): void {
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`validator does not know keyword ${k} at ${at}`);
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref === '#' ? root : ((root.$defs as S)[schema.$ref.replace('#/$defs/', '')] as S);
    return validate(root, ref, v, at, errors);
  }
  const t = schema.type as string | undefined;
  const typeOk: Record<string, (x: unknown) => boolean> = {
    object: (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
    array: Array.isArray,
    string: (x) => typeof x === 'string',
    number: (x) => typeof x === 'number',
    integer: (x) => Number.isInteger(x),
    boolean: (x) => typeof x === 'boolean',
  };
  if (t && !typeOk[t](v)) return void errors.push(`${at}: expected ${t}`);
  if (schema.enum && !(schema.enum as unknown[]).includes(v)) errors.push(`${at}: not in enum`);
  if ('const' in schema && schema.const !== v) errors.push(`${at}: not ${String(schema.const)}`);
  if (typeof v === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern as string, 'u').test(v)) errors.push(`${at}: pattern`);
    if (typeof schema.minLength === 'number' && [...v].length < schema.minLength) errors.push(`${at}: too short`);
  }
  if (typeof v === 'number') {
    if (typeof schema.minimum === 'number' && v < schema.minimum) errors.push(`${at}: < minimum`);
    if (typeof schema.maximum === 'number' && v > schema.maximum) errors.push(`${at}: > maximum`);
    if (typeof schema.exclusiveMinimum === 'number' && v <= schema.exclusiveMinimum) errors.push(`${at}: <= exclusiveMinimum`);
  }
  if (Array.isArray(v)) {
    if (typeof schema.minItems === 'number' && v.length < schema.minItems) errors.push(`${at}: too few items`);
    if (schema.items) v.forEach((x, i) => validate(root, schema.items as S, x, `${at}[${i}]`, errors));
  }
  if (typeOk.object(v)) {
    const o = v as S;
    const props = (schema.properties ?? {}) as S;
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) errors.push(`${at}.${r}: required`);
    for (const [k, x] of Object.entries(o)) {
      if (schema.propertyNames) validate(root, schema.propertyNames as S, k, `${at}{${k}}`, errors);
      if (k in props) validate(root, props[k] as S, x, `${at}.${k}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${at}.${k}: not allowed`);
      else if (typeof schema.additionalProperties === 'object') validate(root, schema.additionalProperties as S, x, `${at}.${k}`, errors);
    }
  }
  const branches = (key: 'anyOf' | 'oneOf') =>
    (schema[key] as S[]).map((b) => {
      const e: string[] = [];
      validate(root, b, v, at, e);
      return e;
    });
  if (schema.anyOf && !branches('anyOf').some((e) => e.length === 0)) errors.push(`${at}: matches no anyOf branch`);
  if (schema.oneOf && branches('oneOf').filter((e) => e.length === 0).length !== 1) errors.push(`${at}: matches not exactly one oneOf branch`);
  if (schema.allOf) for (const b of schema.allOf as S[]) validate(root, b, v, at, errors);
}

const schema = planJsonSchema();
const check = (v: unknown) => {
  const errors: string[] = [];
  validate(schema, schema, v, '$', errors);
  return errors;
};
const dir = path.resolve(__dirname, '../../src/plans');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

test('is a draft 2020-12 schema that names itself', () => {
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  expect(schema.type).toBe('object');
  expect(Object.keys(schema.properties as S)).toEqual(expect.arrayContaining(['id', 'title', 'subjects', 'tiers', 'deadlines', 'scales', 'awardForms']));
});

test.each(files)('accepts the shipped plan %s', (f) => {
  expect(check(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))).toEqual([]);
});

test('rejects a citation with no section, an unknown key and a group with no members', () => {
  const plan = JSON.parse(fs.readFileSync(path.join(dir, 'thach-ha-2022.json'), 'utf8'));
  plan.roundYears.cite.ref = '';
  plan.colour = 'blue';
  plan.subjects.xa.criteria.any = [];
  const errors = check(plan);
  expect(errors).toEqual(expect.arrayContaining(['$.roundYears.cite.ref: too short', '$.colour: not allowed']));
  expect(errors.some((e) => e.startsWith('$.subjects.xa'))).toBe(true);
});
