// The WASI command side of a generator: config in on stdin, dashboard out on stdout, a one-line
// message on stderr and exit code 1 on failure. Uses @assemblyscript/wasi-shim's process.

/** Stdin is read in chunks of this size; a config is rarely more than one. */
const chunkBytes = 64 * 1024;

/** Reads all of stdin and decodes it as UTF-8. */
export function readInput(): string {
  const chunks = new Array<ArrayBuffer>();
  let total = 0;
  for (;;) {
    const chunk = new ArrayBuffer(chunkBytes);
    const count = <i32>process.stdin.read(chunk);
    if (count <= 0) {
      break;
    }
    chunks.push(chunk.slice(0, count));
    total += count;
  }

  const bytes = new Uint8Array(total);
  let offset = 0;
  for (let index = 0; index < chunks.length; index++) {
    bytes.set(Uint8Array.wrap(chunks[index]), offset);
    offset += chunks[index].byteLength;
  }
  return String.UTF8.decode(bytes.buffer);
}

/** Writes the dashboard JSON to stdout, followed by a newline. */
export function writeOutput(json: string): void {
  process.stdout.write(json);
  process.stdout.write('\n');
}

/**
 * Writes `message` as one line on stderr and exits with code 1. Never returns: write
 * `return fail<T>(...)` where a value of type T is expected, and `fail<void>(...)` elsewhere.
 */
export function fail<T>(message: string): T {
  process.stderr.write(message.replaceAll('\n', ' '));
  process.stderr.write('\n');
  process.exit(1);
  return unreachable();
}
