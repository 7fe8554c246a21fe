/**
 * The office's catalogue mapping kept in the open workbook (issue 21 §2, the pane): the choices
 * (kind, value as the lists write it, catalogue entry) under their own document-settings key, beside
 * the pane's settings and not inside them, so the functions' settings contract is unchanged.
 */
import type { MappingChoice, MappingKind } from '../core/catalogue-export';
import { saveSettings, type SettingsStore } from '../functions/settings';

export const MAPPING_KEY = 'ntm-awards-doi-chieu-danh-muc';

const KINDS: readonly MappingKind[] = ['subject', 'award'];

/** The saved choices; anything malformed is left out (a hand-edited document, an older version). */
export function loadChoices(store: SettingsStore): MappingChoice[] {
  const raw = store.get(MAPPING_KEY);
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (c): c is MappingChoice =>
      !!c && typeof c === 'object' && KINDS.includes((c as MappingChoice).kind) && typeof (c as MappingChoice).value === 'string' && typeof (c as MappingChoice).choice === 'string' && !!(c as MappingChoice).choice,
  );
}

/** Saves the choices in the workbook (kept once the workbook is saved). */
export function saveChoices(store: SettingsStore, choices: readonly MappingChoice[]): Promise<void> {
  store.set(MAPPING_KEY, choices.filter((c) => c.choice).map(({ kind, value, choice }) => ({ kind, value, choice })));
  return saveSettings(store);
}
