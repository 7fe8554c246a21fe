/**
 * The pane's view without a DOM, for driving ExcelPane in jest: buttons are EventTargets the test
 * clicks, the option pickers a plain object the test changes (firing the pane's change handler as
 * the real pickers do), and the last message and its kind are kept for assertions.
 */
import type { PaneOptions, PaneView } from '../../src/taskpane/ui';

class FakeButton extends EventTarget {
  disabled = true;

  click(): void {
    if (!this.disabled) this.dispatchEvent(new Event('click'));
  }
}

export class FakeView {
  options: PaneOptions = {};
  message = { kind: 'info' as 'info' | 'busy' | 'error', text: '' };
  busyNow = false;
  readonly checkButton = new FakeButton();
  readonly exportButton = new FakeButton();
  readonly templateButton = new FakeButton();
  readonly clearButton = new FakeButton();
  readonly previewButton = new FakeButton();
  readonly downloadButton = new FakeButton();
  readonly insertPlanButton = new FakeButton();
  readonly mergeButton = new FakeButton();
  /** What the plan picker offers beyond the shipped plans. */
  sources: string[] = [];
  private fileHandler?: (name: string, bytes: ArrayBuffer) => void;
  private readonly handlers: ((o: PaneOptions) => void)[] = [];

  setMode(): void {}

  fillPickers(plans: { id: string }[], options: PaneOptions): void {
    this.options = { ...options, plan: options.plan ?? plans[0]?.id };
  }

  readOptions(): PaneOptions {
    return { ...this.options };
  }

  onOptionsChange(handler: (o: PaneOptions) => void): void {
    this.handlers.push(handler);
  }

  /** The user picks other options in the pane. */
  change(o: Partial<PaneOptions>): void {
    this.options = { ...this.options, ...o };
    for (const h of this.handlers) h(this.readOptions());
  }

  addPlanSources(sheetValue: string, fileValue: string, fileName?: string): void {
    this.sources = fileName ? [sheetValue, fileValue] : [sheetValue];
  }

  /** "Kế hoạch cấp trên" (issue 18): the sources offered, and the file handler. */
  higherSources: string[] = [];
  higherFileHandler?: (name: string, bytes: ArrayBuffer) => void;

  addHigherSources(sheetValue: string | undefined, fileValue: string, fileName?: string): void {
    this.higherSources = [...(sheetValue ? [sheetValue] : []), ...(fileName ? [fileValue] : [])];
  }

  onHigherPlanFile(handler: (name: string, bytes: ArrayBuffer) => void): void {
    this.higherFileHandler = handler;
  }

  selectHigherPlan(value: string): void {
    if (this.higherSources.includes(value)) this.options = { ...this.options, higherPlan: value };
  }

  onPlanFile(handler: (name: string, bytes: ArrayBuffer) => void): void {
    this.fileHandler = handler;
  }

  selectPlan(value: string): void {
    this.options = { ...this.options, plan: value };
  }

  /** The plan whose conditions the pane shows (as `plan show` prints them). */
  conditionsOf: string | undefined;
  showPlanConditions(plan: { plan: { id: string } } | undefined): void {
    this.conditionsOf = plan?.plan.id;
  }

  /** The user chooses a plan file. */
  chooseFile(name: string, bytes: ArrayBuffer): void {
    this.fileHandler?.(name, bytes);
  }

  setBusy(busy: boolean): void {
    this.busyNow = busy;
    for (const b of [this.checkButton, this.exportButton, this.templateButton, this.clearButton, this.previewButton, this.insertPlanButton, this.mergeButton]) b.disabled = busy;
  }

  info(text: string): void {
    this.message = { kind: 'info', text };
  }

  busy(text: string): void {
    this.message = { kind: 'busy', text };
  }

  error(text: string): void {
    this.message = { kind: 'error', text };
  }

  showCounts(): void {}
  showMapping(): void {}
  showReasons(): void {}

  asView(): PaneView {
    return this as unknown as PaneView;
  }
}

/** Let queued promise callbacks run until `done` holds; fails (does not hang) after many turns. */
export async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    if (done()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never happened: ${what}`);
}
