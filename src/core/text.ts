/**
 * Text normalisation shared by header matching and value parsing.
 * Officials type with or without diacritics, in any case, with stray spaces and line breaks,
 * so every comparison goes through `fold`.
 */

/** Lower-case, strip Vietnamese diacritics (đ → d), collapse whitespace, trim. */
export function fold(text: string): string {
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
  return fold(text)
    .replace(/[*:;,]/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s*-\s*/g, '-')
    .replace(/\.+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
