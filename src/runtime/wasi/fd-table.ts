/**
 * The file descriptors a generator has: 0 stdin (its config), 1 stdout, 2 stderr and, for
 * reactors only, 3 the read-only directory /dawg whose one file `input` holds the config again.
 * Nothing here refers to a host file or descriptor.
 */
export type FdEntry =
  | { readonly kind: 'input'; position: number; readonly isStdin: boolean }
  | { readonly kind: 'stdout' | 'stderr' }
  | { readonly kind: 'directory' };

/** Name of the reactor's preopened directory, as the module sees it. */
export const preopenName = '/dawg';
/** The one file inside the preopen. */
export const inputFileName = 'input';
/** Enough for any generator that opens its input a few times; stops a module opening forever. */
const maxOpenInputs = 64;
const stdoutFd = 1;
const stderrFd = 2;
const preopenFd = 3;

/** Options of FdTable. */
export interface FdTableOptions {
  /** Offer /dawg as fd 3 (the reactor convention). */
  readonly preopenInput: boolean;
}

/** The open descriptors of one run: stdio, the /dawg preopen, and inputs opened from it. */
export class FdTable {
  private readonly entries = new Map<number, FdEntry>();
  private nextFd = preopenFd + 1;
  private openInputs = 0;

  constructor(options: FdTableOptions) {
    this.entries.set(0, { kind: 'input', position: 0, isStdin: true });
    this.entries.set(stdoutFd, { kind: 'stdout' });
    this.entries.set(stderrFd, { kind: 'stderr' });
    if (options.preopenInput) {
      this.entries.set(preopenFd, { kind: 'directory' });
    }
  }

  get(fd: number): FdEntry | undefined {
    return this.entries.get(fd);
  }

  /** Opens /dawg/input; undefined once too many are open. */
  openInput(): number | undefined {
    if (this.openInputs >= maxOpenInputs) {
      return undefined;
    }
    const fd = this.nextFd;
    this.nextFd += 1;
    this.openInputs += 1;
    this.entries.set(fd, { kind: 'input', position: 0, isStdin: false });
    return fd;
  }

  /** Closes `fd`; false when it was not open. Closed numbers are never handed out again. */
  close(fd: number): boolean {
    const entry = this.entries.get(fd);
    if (entry === undefined) {
      return false;
    }
    if (entry.kind === 'input' && !entry.isStdin) {
      this.openInputs -= 1;
    }
    this.entries.delete(fd);
    return true;
  }
}
