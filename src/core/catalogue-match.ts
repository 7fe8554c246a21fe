/**
 * Award forms matched to a management system's catalogue (issue 21 §1): the plan names an award
 * form by its issuer and level in its own words ("Giấy khen của Chủ tịch UBND huyện"); the
 * catalogue names it in the system's ("Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện").
 *
 * Both are read the same way: case, diacritics and punctuation aside, the administrative
 * abbreviations (UBND, HĐND, MTTQ, UBMTTQ, TW, QĐ…) as their full forms, and the level of an
 * issuer as "cấp xã / cấp huyện / cấp tỉnh" (a thị xã or thành phố thuộc tỉnh is cấp huyện, a
 * phường or thị trấn cấp xã). A name matches an entry when they read the same; failing that, when
 * they agree exactly on what tells entries apart — the form itself, its class (hạng nhất/nhì/ba),
 * the issuer's level (cấp xã / cấp huyện / cấp tỉnh / thuộc bộ / Chính phủ) and office (Chủ tịch,
 * Thủ trưởng, Thủ tướng) — and exactly one entry does. Never the nearest string: anything else is
 * reported with the entries a person chooses from.
 */
import { fold } from './text';

/** Abbreviations of Vietnamese administrative writing, folded, with their full forms. */
const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/\bubmttq\b/g, 'uy ban mat tran to quoc'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bttg\b/g, 'thu tuong'],
  [/\btw\b/g, 'trung uong'],
  [/\bqd\b/g, 'quyet dinh'],
  [/\btp\b/g, 'thanh pho'],
  [/\btx\b/g, 'thi xa'],
  [/\bld tb xh\b/g, 'lao dong thuong binh xa hoi'],
];

/** Bodies whose level a following place word gives. */
const BODY = '(uy ban nhan dan|hoi dong nhan dan|uy ban mat tran to quoc|mat tran to quoc)';
const LEVELS: readonly [RegExp, string][] = [
  // District level first: "thị xã" holds the word "xã".
  [new RegExp(`\\b${BODY} (?:cap )?(?:huyen|quan|thi xa|thanh pho)(?: (?:huyen|quan|thi xa|thanh pho))*\\b`, 'g'), '$1 cap huyen'],
  [new RegExp(`\\b${BODY} (?:cap )?(?:xa|phuong|thi tran)(?: (?:xa|phuong|thi tran))*\\b`, 'g'), '$1 cap xa'],
  [new RegExp(`\\b${BODY} (?:cap )?tinh\\b`, 'g'), '$1 cap tinh'],
];

/** A name as compared: folded, abbreviations written out, levels as "cấp …". */
export function catalogueKey(s: string): string {
  let k = ` ${fold(s).replace(/[^a-z0-9]+/g, ' ')} `;
  for (const [re, full] of ABBREVIATIONS) k = k.replace(re, full);
  k = k.replace(/\s+/g, ' ').trim();
  for (const [re, to] of LEVELS) k = k.replace(re, to);
  return k;
}

/** What tells catalogue entries apart. */
export interface FormSignature {
  /** The form itself: the words before "của", "cấp", "hạng", "thuộc" or an issuer (e.g. "giay khen", "huan chuong lao dong"). */
  head: string;
  /** "nhat" | "nhi" | "ba" | "". */
  klass: string;
  /** Issuer levels named: xa, huyen, tinh, bo, trung-uong, chinh-phu, toan-quoc. */
  levels: Set<string>;
  /** Issuer offices named: chu-tich, thu-truong, thu-tuong. */
  offices: Set<string>;
}

const HEAD_END = /\s(?:cua|cap|hang|thuoc|do|danh cho|chu tich|thu truong|thu tuong|uy ban|hoi dong)\s/;

export function signatureOf(name: string): FormSignature {
  const k = catalogueKey(name);
  // The form is named before any bracket: "Giấy khen (Thủ trưởng các Sở…; Chủ tịch UBND các huyện…)".
  const before = catalogueKey(name.split('(')[0]);
  const cut = HEAD_END.exec(`${before} `);
  const head = (cut ? before.slice(0, cut.index) : before).trim();
  const rest = k.slice(head.length);
  const klass = /\bhang (nhat|nhi|ba)\b/.exec(k)?.[1] ?? '';
  const levels = new Set<string>();
  const has = (re: RegExp) => re.test(` ${rest} `);
  // Places counted once each: the canonical "cấp …" forms, and bare place words after the head.
  const places = rest.replace(/\bcap (xa|huyen|tinh)\b/g, (_, l: string) => {
    levels.add(l);
    return ' ';
  });
  // ("quận" is left out here: folded, it is the "quan" of "cơ quan".)
  if (/\b(huyen|thi xa|thanh pho)\b/.test(places)) levels.add('huyen');
  if (/\b(?<!thi )(xa|phuong|thi tran)\b/.test(places.replace(/\bthi xa\b/g, ' '))) levels.add('xa');
  if (/\btinh\b/.test(places)) levels.add('tinh');
  if (has(/\b(bo|co quan ngang bo)\b/)) levels.add('bo');
  if (has(/\btrung uong\b/)) levels.add('trung-uong');
  if (has(/\b(chinh phu|thu tuong)\b/)) levels.add('chinh-phu');
  if (has(/\btoan quoc\b/)) levels.add('toan-quoc');
  const offices = new Set<string>();
  if (has(/\bchu tich\b/)) offices.add('chu-tich');
  if (has(/\bthu truong\b/)) offices.add('thu-truong');
  if (has(/\bthu tuong\b/)) offices.add('thu-tuong');
  return { head, klass, levels, offices };
}

const subset = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].every((x) => b.has(x));

/**
 * Whether a catalogue entry is exactly the form a name gives: the same form and class; every level
 * the name names is one the entry covers (an entry "cấp bộ, ban, ngành, tỉnh…" covers "tỉnh"), and
 * a name without a level only an entry without one; every office the name names is one the entry
 * names, when the entry names any.
 */
export function sameForm(name: FormSignature, entry: FormSignature): boolean {
  if (name.head !== entry.head || name.klass !== entry.klass) return false;
  if (name.levels.size === 0 ? entry.levels.size !== 0 : !subset(name.levels, entry.levels)) return false;
  if (name.levels.size > 1 && !subset(entry.levels, name.levels)) return false;
  if (entry.offices.size && !subset(name.offices, entry.offices)) return false;
  return true;
}

export type CatalogueChoice = { name: string; how: 'same-name' | 'same-form' } | { problem: 'none' | 'several'; candidates: string[] };

/** The entry of `entries` a name stands for, or why there is none (with the entries to choose from). */
export function matchCatalogue(name: string, entries: readonly string[]): CatalogueChoice {
  const key = catalogueKey(name);
  if (!key) return { problem: 'none', candidates: [] };
  const same = entries.filter((e) => catalogueKey(e) === key);
  if (same.length === 1) return { name: same[0], how: 'same-name' };
  if (same.length > 1) return { problem: 'several', candidates: same };
  const sig = signatureOf(name);
  const sigs = entries.map((e) => ({ e, s: signatureOf(e) }));
  const form = sigs.filter((x) => sameForm(sig, x.s)).map((x) => x.e);
  if (form.length === 1) return { name: form[0], how: 'same-form' };
  if (form.length > 1) return { problem: 'several', candidates: form };
  // Candidates a person picks from: the entries of the same form, whatever their level or class.
  const near = sigs.filter((x) => x.s.head === sig.head).map((x) => x.e);
  return { problem: 'none', candidates: near };
}

/** The entry whose name is `name` as the catalogue writes it (case, diacritics, abbreviations aside). */
export function entryNamed(name: string, entries: readonly string[]): string | undefined {
  const key = catalogueKey(name);
  if (!key) return undefined;
  const found = entries.filter((e) => catalogueKey(e) === key);
  return found.length === 1 ? found[0] : undefined;
}
