/**
 * What the add-in saves in the workbook (Office document settings), shared by the task pane, which
 * writes it, and the custom functions, which read it: the chosen plan, run options and per-sheet
 * column mappings. Saved in the workbook so that a colleague opening it gets the same results.
 */
import type { RoundId } from '../core/vocabulary';

export const SETTINGS_KEY = 'ntm-awards';

export interface SavedMapping {
  /** Manual overrides: standard header → column letter or the sheet's own header text. */
  manual: Record<string, string>;
}

export interface AddinSettings {
  plan?: string;
  round?: RoundId;
  year?: number;
  /** User-given deadline, YYYY-MM-DD. */
  deadline?: string;
  blankIsNo?: boolean;
  /** Per sheet name. */
  mappings?: Record<string, SavedMapping>;
}

/** Minimal view of Office.Settings, so both sides (and tests) can pass their own. */
export interface SettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync?(callback?: (result: { status: unknown }) => void): void;
}

export function readSettings(store: SettingsStore | undefined): AddinSettings {
  const raw = store?.get(SETTINGS_KEY);
  return raw && typeof raw === 'object' ? (raw as AddinSettings) : {};
}

export function writeSettings(store: SettingsStore, next: AddinSettings): Promise<void> {
  store.set(SETTINGS_KEY, next);
  return new Promise((resolve) => (store.saveAsync ? store.saveAsync(() => resolve()) : resolve()));
}
