/**
 * The JSON Schema of plan files, generated from the zod schema (the one definition of a plan), for
 * people who edit plan JSON in an editor. Written to dist/plan.schema.json by the build.
 */
import { z } from 'zod';
import { PlanSchema } from './plan-schema';

export function planJsonSchema(): Record<string, unknown> {
  // "input": what a file may contain (defaults make fields optional), not what parsing returns.
  const schema = z.toJSONSchema(PlanSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://ntm-awards.local/plan.schema.json',
    title: 'ntm-awards plan (kế hoạch thi đua)',
    description: 'Một kế hoạch tổ chức phong trào thi đua: đối tượng, tiêu chí có trích dẫn, hình thức khen, thời hạn. Viết trong Excel: ntm-awards plan export / plan build.',
  };
}
