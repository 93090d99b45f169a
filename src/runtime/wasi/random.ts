/** Any odd constant will do: the point is that every run starts from the same one. */
const seed = 0x2545_f491;

/**
 * The sandbox's random_get: a xorshift32 stream from a fixed seed, so the same config gives the
 * same bytes and the same output. It is not cryptographic, and generators must not need it to be.
 */
export class SeededRandom {
  private state = seed;

  fill(target: Uint8Array): void {
    for (let index = 0; index < target.length; index += 4) {
      const value = this.next();
      for (let byte = 0; byte < 4 && index + byte < target.length; byte += 1) {
        target[index + byte] = (value >>> (byte * 8)) & 0xff;
      }
    }
  }

  private next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
}
