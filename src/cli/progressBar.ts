/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
import { type Progress, STAGE_LABELS } from '../analysis';

const WIDTH = 30;

export class ProgressBar {
  private lastDrawn = '';

  constructor(private readonly stream: NodeJS.WriteStream) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(progress: Progress): void {
    if (!this.enabled) return;
    const filled = Math.round(progress.fraction * WIDTH);
    const line = `[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${String(Math.floor(progress.fraction * 100)).padStart(3)}% ${STAGE_LABELS[progress.stage]}`;
    if (line === this.lastDrawn) return;
    this.lastDrawn = line;
    this.stream.write(`\r${line}\x1b[K`);
  }

  clear(): void {
    if (this.enabled && this.lastDrawn !== '') this.stream.write('\r\x1b[K');
    this.lastDrawn = '';
  }
}
