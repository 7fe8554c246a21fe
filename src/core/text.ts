/**
 * Text normalisation shared by header matching and value parsing.
 * Officials type with or without diacritics, in any case, with stray spaces and line breaks,
 * so every comparison goes through `fold`.
 */

import { remember } from './memo';

// Sheets repeat the same few values ("Có", "Xã", "Giấy khen") thousands of times, and Unicode
// normalisation is the costliest step of reading a row: remember recent results.
const CACHE_LIMIT = 20_000;
const foldCache = new Map<string, string>();
const looseCache = new Map<string, string>();

/** A text's normalised form, remembered (up to CACHE_LIMIT) unless too long to be a typed value. */
export function rememberText(cache: Map<string, string>, key: string, value: string): string {
  return key.length <= 200 ? remember(cache, CACHE_LIMIT, key, value) : value;
}

/** Lower-case, strip Vietnamese diacritics (đ → d), collapse whitespace, trim. */
export function fold(text: string): string {
  const hit = foldCache.get(text);
  return hit !== undefined ? hit : rememberText(foldCache, text, foldUncached(text));
}

function foldUncached(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
}

/** `fold` plus removal of punctuation that varies between offices (",", ";", ":", "*", trailing "."). */
export function foldLoose(text: string): string {
  const hit = looseCache.get(text);
  return hit !== undefined ? hit : rememberText(looseCache, text, foldLooseUncached(text));
}

function foldLooseUncached(text: string): string {
  return fold(text)
    .replace(/[*:;,]/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s*-\s*/g, '-')
    .replace(/\.+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The longest line of a text, in code points (a column is as wide as its longest line). */
function longestLine(t: string): number {
  let w = 0;
  let len = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x0a) {
      if (len > w) w = len;
      len = 0;
    } else if (c < 0xdc00 || c > 0xdfff) len++;
  }
  return len > w ? len : w;
}

/** Widens `longest[column]` to the longest line of `text` (a column is sized to its longest line). */
export function widenToLongestLine(longest: number[], column: number, text: string): void {
  const w = longestLine(text);
  if (!(longest[column] >= w)) longest[column] = w;
}
