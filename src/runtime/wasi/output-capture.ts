import { OutputLimitSignal } from './signals.js';

/** Caps of OutputCapture, in bytes. */
export interface OutputCaptureOptions {
  /** Cap on stdout plus stderr together, in bytes. */
  readonly maxOutputBytes: number;
  /** Stderr kept for error messages, in bytes; the rest still counts toward the cap. */
  readonly maxStderrBytes: number;
}

/**
 * Stdout and stderr of one run, held in memory. Every byte written counts toward the output
 * cap; the write that would cross it throws OutputLimitSignal and is not kept, nor is any later
 * one.
 */
export class OutputCapture {
  private readonly stdoutChunks: Uint8Array[] = [];
  private readonly stderrChunks: Uint8Array[] = [];
  private writtenBytes = 0;
  private keptStderrBytes = 0;

  constructor(private readonly options: OutputCaptureOptions) {}

  write(stream: 'stdout' | 'stderr', chunk: Uint8Array): void {
    this.writtenBytes += chunk.length;
    if (this.writtenBytes > this.options.maxOutputBytes) {
      throw new OutputLimitSignal(this.options.maxOutputBytes);
    }

    if (stream === 'stdout') {
      this.stdoutChunks.push(chunk.slice());
      return;
    }
    const room = this.options.maxStderrBytes - this.keptStderrBytes;
    if (room > 0) {
      const kept = chunk.slice(0, room);
      this.stderrChunks.push(kept);
      this.keptStderrBytes += kept.length;
    }
  }

  stdout(): Uint8Array {
    return joinChunks(this.stdoutChunks);
  }

  stderr(): Uint8Array {
    return joinChunks(this.stderrChunks);
  }
}

function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const chunk of chunks) {
    total += chunk.length;
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}
