/**
 * Which text judged a result (issue 18): a plan's short name, document number and date, period,
 * a fingerprint of its content and the product's version. A copy printed next month names the
 * exact plan; an office that revises its plan gets a new fingerprint.
 */
import type { CompiledPlan } from './compile';
import { sha256Hex } from './sha256';
import { fold } from './text';
import { PRODUCT_VERSION } from './version';

export interface PlanIdentity {
  id: string;
  /** "KH Thạch Hà 2022": the plan's short name, or its document when it has none. */
  shortName: string;
  document: string;
  /** "260/KH-UBND", as the document writes it; null when the document gives no number. */
  number: string | null;
  /** "13/9/2022", as the document writes it; null when it gives no date. */
  date: string | null;
  period: { from: number; to: number } | null;
  /** The first 12 hex digits of the SHA-256 of the canonical plan (keys sorted). */
  fingerprint: string;
  productVersion: string;
}

/** JSON with every object's keys sorted and no spacing: the same plan always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export function planFingerprint(plan: unknown): string {
  return sha256Hex(canonicalJson(plan)).slice(0, 12);
}

/** "587/QĐ-TTg", "38/2019/QĐ-UBND": a Vietnamese document number (số/năm/loại-cơ quan). */
const NUMBER = /(?<![\p{L}\d/])(\d{1,6}(?:\/\d{4})?\/\p{L}[\p{L}\d]*(?:-[\p{L}\d]+)*)/gu;
const DATE = /ngày\s+(\d{1,2})\s*(?:\/|tháng)\s*(\d{1,2})\s*(?:\/|năm)\s*(\d{4})/iu;

/** Every document number a text names, in order. */
export function documentNumbers(text: string): string[] {
  return [...text.matchAll(NUMBER)].map((m) => m[1]);
}

/** A document number's key: "587/qd-ttg" whether written "587/QĐ-TTg", "587/QD-TTG" or "587 / QĐ - TTg". */
export function numberKey(num: string): string {
  return fold(num).replace(/\s+/g, '');
}

const identities = new WeakMap<CompiledPlan, PlanIdentity>();

export function planIdentity(compiled: CompiledPlan): PlanIdentity {
  const hit = identities.get(compiled);
  if (hit) return hit;
  const { plan } = compiled;
  const date = DATE.exec(plan.document);
  const id: PlanIdentity = {
    id: plan.id,
    shortName: plan.shortName ?? plan.document,
    document: plan.document,
    number: documentNumbers(plan.document)[0] ?? null,
    date: date ? `${Number(date[1])}/${Number(date[2])}/${date[3]}` : null,
    period: plan.period ? { from: plan.period.from, to: plan.period.to } : null,
    fingerprint: planFingerprint(plan),
    productVersion: PRODUCT_VERSION,
  };
  identities.set(compiled, id);
  return id;
}

/**
 * One line naming the plan, for summaries, headings and the pane:
 * "KH Thạch Hà 2022 — Kế hoạch …, dự thảo năm 2022; giai đoạn 2021–2025; mã nội dung 3f2a…; ntm-awards 0.1.0".
 * The document number is said once: a short name that already carries it ("KH 260/KH-UBND Quỳnh
 * Nhai") is followed by the date only ("— ngày 13/9/2022; …").
 */
export function identityLine(i: PlanIdentity): string {
  const carried = i.number !== null && documentNumbers(i.shortName).some((n) => numberKey(n) === numberKey(i.number as string));
  const doc = [i.number && !carried ? `số ${i.number}` : '', i.date ? `ngày ${i.date}` : ''].filter(Boolean).join(' ');
  const parts = [
    // With neither number nor date, the document's own words; never its number a second time.
    doc || (carried ? '' : i.document),
    i.period ? `giai đoạn ${i.period.from}–${i.period.to}` : '',
    `mã nội dung ${i.fingerprint}`,
    `ntm-awards ${i.productVersion}`,
  ].filter(Boolean);
  return `${i.shortName} — ${parts.join('; ')}`;
}
