// A progress line on standard error for long runs: only on a terminal, never with -q, drawn at
// most ten times a second and only once a run has lasted a second or handles large data.
import type { CliIo } from "./cli-io.js";

const LARGE = 32 * 1024 * 1024;

/** Draws "label [#####.....] 45%" (or "label..." for steps without a measure) on stderr. */
export class Progress {
  private readonly enabled: boolean;
  private readonly started = Date.now();
  private label = "";
  private total = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly io: CliIo,
    options: { quiet?: boolean } = {},
  ) {
    this.enabled = Boolean(io.stderr.isTTY) && !options.quiet;
  }

  /** Begins a step of `total` bytes (0: a step without a measure, drawn once if large). */
  start(label: string, total: number, large = false): void {
    this.label = label;
    this.total = total;
    if (total === 0 && (large || Date.now() - this.started > 1000)) this.draw(`${label}...`);
  }

  /** Reports `done` bytes of the current step. */
  update(done: number): void {
    if (!this.enabled || this.total === 0) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && done < this.total) return;
    if (now - this.started < 1000 && this.total < LARGE) return;
    this.lastDraw = now;
    const width = Math.max(10, Math.min(40, (this.io.stderr.columns || 80) - this.label.length - 10));
    const fraction = Math.min(1, done / this.total);
    const filled = Math.round(fraction * width);
    this.draw(
      `${this.label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.floor(fraction * 100)}%`,
    );
  }

  /** Clears the progress line, if one was drawn. */
  done(): void {
    if (this.drawn) this.io.stderr.write("\r\x1b[K");
    this.drawn = false;
  }

  private draw(text: string): void {
    if (!this.enabled) return;
    this.io.stderr.write(`\r\x1b[K${text}`);
    this.drawn = true;
  }
}
