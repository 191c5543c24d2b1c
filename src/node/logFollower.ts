/**
 * Following a log as it grows: complete lines appended to a file (or arriving on a stream) handed
 * on in order, a line still without its line break held until it has one. A file is watched with
 * fs.watch, and its size checked every few seconds besides (some file systems and rotations send
 * no event): no work at all while it does not change. A file that shrinks or is replaced by
 * another (rotation) is reported, and followed again from its start.
 */
import { watch, type FSWatcher } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** How often the size is checked without an event. */
const STAT_INTERVAL_MS = 2000;
const READ_BYTES = 1 << 20;

export interface FollowHandlers {
  /**
   * Complete lines, each with its line break, starting at byte `at` of the file; the next call
   * waits for this one to settle. May answer with the offset (a line start) to go on from, after
   * reading the file itself.
   */
  lines(bytes: Uint8Array, at: number): Promise<number | undefined>;
  /** The file was truncated or replaced: what was read no longer holds. Answers the offset to go on from. */
  restart(reason: 'truncated' | 'replaced'): Promise<number>;
  /** Reading failed (the file was removed, say): following stops. */
  failed(error: Error): void;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * The length of the complete lines at the start of `bytes`: through its last line break, which is
 * an LF, a CRLF or a lone CR as the engine reads them. A CR at the very end waits for the next
 * byte, which may make it a CRLF.
 */
function completeLinesLength(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i] === LF || (bytes[i] === CR && i < bytes.length - 1)) return i + 1;
  }
  return 0;
}

/** Holds the bytes after the last line break until the rest of their line arrives. */
export class LineBuffer {
  private held: Uint8Array = new Uint8Array(0);

  /** The complete lines of what has arrived so far (empty when none is complete). */
  push(bytes: Uint8Array): Uint8Array {
    const joined = this.held.length === 0 ? bytes : concat(this.held, bytes);
    const end = completeLinesLength(joined);
    this.held = joined.slice(end);
    return joined.subarray(0, end);
  }

  /** Bytes held, waiting for their line break. */
  get heldBytes(): number {
    return this.held.length;
  }

  /** What is held: the last line, at the end of a stream. */
  rest(): Uint8Array {
    const rest = this.held;
    this.held = new Uint8Array(0);
    return rest;
  }
}

export class FileFollower {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly buffer = new LineBuffer();
  /** The pending check, so that checks run one at a time and in order. */
  private running: Promise<void> = Promise.resolve();
  private again = false;
  private stopped = false;

  /**
   * @param offset where the lines not yet handed on start (a line start)
   * @param inode the file's inode when `offset` was read, to notice a replacement
   */
  constructor(
    private readonly path: string,
    private offset: number,
    private inode: number,
    private readonly handlers: FollowHandlers,
  ) {}

  start(): void {
    this.watchFile();
    this.timer = setInterval(() => this.check(), STAT_INTERVAL_MS);
    this.check();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.watcher?.close();
    clearInterval(this.timer);
    await this.running;
  }

  private watchFile(): void {
    this.watcher?.close();
    try {
      this.watcher = watch(this.path, { persistent: true }, () => this.check());
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      // Not watchable (gone for a moment during a rotation): the size checks go on.
      this.watcher = undefined;
    }
  }

  /** Reads what was appended; a check asked for while one runs runs after it, once. */
  private check(): void {
    if (this.stopped) return;
    if (this.again) return;
    this.again = true;
    this.running = this.running.then(async () => {
      this.again = false;
      if (this.stopped) return;
      try {
        await this.readAppended();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A rotation leaves a moment without the file: the next check finds the new one.
        if (code !== 'ENOENT') {
          this.stopped = true;
          this.handlers.failed(error as Error);
        }
      }
    });
  }

  private async readAppended(): Promise<void> {
    const info = await stat(this.path);
    if (info.ino !== this.inode || info.size < this.offset) {
      const reason = info.ino !== this.inode ? 'replaced' : 'truncated';
      this.inode = info.ino;
      this.buffer.rest();
      if (reason === 'replaced') this.watchFile();
      this.offset = await this.handlers.restart(reason);
    }
    if (info.size <= this.offset) return;
    const handle = await open(this.path, 'r');
    try {
      for (;;) {
        const chunk = new Uint8Array(READ_BYTES);
        const { bytesRead } = await handle.read(chunk, 0, READ_BYTES, this.offset);
        if (bytesRead === 0) break;
        const at = this.offset - this.buffer.heldBytes;
        this.offset += bytesRead;
        const lines = this.buffer.push(chunk.subarray(0, bytesRead));
        const resumeAt = lines.length > 0 ? await this.handlers.lines(lines, at) : undefined;
        if (resumeAt !== undefined) {
          this.offset = resumeAt;
          this.buffer.rest();
        }
        if (this.stopped) break;
      }
    } finally {
      await handle.close();
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
