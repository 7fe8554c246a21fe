/**
 * What a plan file must not be, checked before zod or any recursive code sees it: keys that name
 * JavaScript's object machinery ("__proto__", "constructor", "prototype"), which a plan never needs
 * and which would otherwise be dropped or taken for inherited properties without a word, and
 * nesting deeper than any plan needs (2,000 levels would exhaust the stack of every recursive
 * reader after it). The walk is iterative, so the guard itself has no depth limit.
 */
import type { PlanIssue } from './plan-schema';

/** Containers (objects and arrays) inside one another. A real plan uses about 15. */
export const MAX_PLAN_DEPTH = 64;

/** Marks an issue whose message is already the sentence shown to people (Vietnamese, no location). */
export const WORDED = 'ntm_worded';

export type WordedIssue = PlanIssue & { code: typeof WORDED };

export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export function worded(path: PlanIssue['path'], message: string): WordedIssue {
  return { path, message, code: WORDED };
}

/** The first problems of this kind in the data (each key once; one message for too deep). */
export function guardPlanData(data: unknown): WordedIssue[] {
  const issues: WordedIssue[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  let tooDeep = false;
  while (stack.length) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_PLAN_DEPTH) {
      if (!tooDeep) {
        tooDeep = true;
        issues.push(
          worded(
            path,
            `kế hoạch lồng quá sâu: quá ${MAX_PLAN_DEPTH} cấp (nhóm trong nhóm, danh sách trong danh sách); kế hoạch thật chỉ cần vài cấp, hãy gộp bớt các nhóm tiêu chí`,
          ),
        );
      }
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    // Own keys only, "__proto__" included: JSON.parse makes it an own property, not the prototype.
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      if (RESERVED_KEYS.includes(k)) {
        issues.push(worded([...path, k], `tên mục “${k}” không được dùng trong tệp kế hoạch (tên dành riêng của JavaScript); xóa mục này hoặc đổi tên`));
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[k], path: [...path, k] });
    }
  }
  return issues;
}
