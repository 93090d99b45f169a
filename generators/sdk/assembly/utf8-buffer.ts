// A growing UTF-8 byte buffer. Output is built here rather than as an array of small strings:
// AssemblyScript's incremental collector revisits every live object on each step, so keeping
// thousands of JSON fragments alive made a 20 KB dashboard take 25 ms instead of about one.

/** Start at 16 KiB, the size of a small dashboard, and double as needed. */
const initialBytes = 16 * 1024;

export class Utf8Buffer {
  private data: ArrayBuffer = new ArrayBuffer(initialBytes);
  private length: i32 = 0;

  /** Appends `text` encoded as UTF-8. */
  append(text: string): void {
    const bytes = String.UTF8.byteLength(text);
    this.reserve(bytes);
    String.UTF8.encodeUnsafe(changetype<usize>(text), text.length,
      changetype<usize>(this.data) + <usize>this.length);
    this.length += bytes;
  }

  /** The bytes written so far, as a string. */
  toString(): string {
    return String.UTF8.decodeUnsafe(changetype<usize>(this.data), <usize>this.length);
  }

  private reserve(extra: i32): void {
    if (this.length + extra <= this.data.byteLength) {
      return;
    }
    let capacity = this.data.byteLength * 2;
    while (capacity < this.length + extra) {
      capacity *= 2;
    }
    const grown = new ArrayBuffer(capacity);
    memory.copy(changetype<usize>(grown), changetype<usize>(this.data), <usize>this.length);
    this.data = grown;
  }
}
