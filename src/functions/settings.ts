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

/**
 * The sheet the pane reads a workbook's higher plan from ("Kế hoạch cấp trên", issue 18); saved by
 * that name, so the functions, which take plan sheets by name, judge with the same plans as the pane.
 */
export const HIGHER_SHEET_NAME = 'Kế hoạch cấp trên';

export interface AddinSettings {
  /** The list's own plan: a shipped plan's id. */
  plan?: string;
  /** The higher plan (issue 18): a shipped plan's id, or the name of a plan sheet in this workbook. */
  higherPlan?: string;
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
  saveAsync?(callback?: (result: { status: unknown; error?: { message?: unknown } }) => void): void;
}

export function readSettings(store: SettingsStore | undefined): AddinSettings {
  const raw = store?.get(SETTINGS_KEY);
  return raw && typeof raw === 'object' ? (raw as AddinSettings) : {};
}

/** A document-settings save that Office reported as failed (read-only file, lost connection, …). */
export class SaveFailed extends Error {
  constructor(readonly detail: string) {
    super(`Không lưu được thiết lập vào sổ làm việc (${detail}).`);
    this.name = 'SaveFailed';
  }
}

/**
 * Persist every setting of the document. `set` changes only the in-memory copy; the document keeps
 * it only after saveAsync succeeds, so a failed status must reach the caller instead of being lost.
 */
export function saveSettings(store: SettingsStore): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!store.saveAsync) return resolve();
    store.saveAsync((result) => {
      const r = result as { status?: unknown; error?: { message?: unknown } } | undefined;
      // Office.AsyncResultStatus.Succeeded is the string "succeeded".
      if (!r || r.status === 'succeeded') resolve();
      else reject(new SaveFailed(String(r.error?.message ?? r.status ?? 'không rõ lỗi')));
    });
  });
}

export function writeSettings(store: SettingsStore, next: AddinSettings): Promise<void> {
  store.set(SETTINGS_KEY, next);
  return saveSettings(store);
}
