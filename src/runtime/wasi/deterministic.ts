/**
 * The sandbox's clock and random numbers: fixed, so that a generator's output depends only on
 * its config. Time starts at 2024-01-01T00:00:00Z and moves 1 µs per reading; sleeps move it
 * forward instantly. Random bytes come from a fixed-seed xorshift generator.
 */
const epochNanoseconds = 1_704_067_200_000_000_000n;
const tickNanoseconds = 1_000n;
const seed = 0x9e3779b97f4a7c15n;
const mask64 = (1n << 64n) - 1n;

export class DeterministicClock {
  private nanoseconds = epochNanoseconds;

  read(): bigint {
    this.nanoseconds += tickNanoseconds;
    return this.nanoseconds;
  }

  advance(byNanoseconds: bigint): void {
    this.nanoseconds += byNanoseconds;
  }

  /** For absolute deadlines: move to `at` if that is later than now. */
  advanceTo(at: bigint): void {
    if (at > this.nanoseconds) {
      this.nanoseconds = at;
    }
  }
}

export class DeterministicRandom {
  private state = seed;

  fill(target: Uint8Array): void {
    for (let index = 0; index < target.length; index += 8) {
      const value = this.next();
      for (let byte = 0; byte < 8 && index + byte < target.length; byte += 1) {
        target[index + byte] = Number((value >> BigInt(byte * 8)) & 0xffn);
      }
    }
  }

  private next(): bigint {
    let x = this.state;
    x ^= (x << 13n) & mask64;
    x ^= x >> 7n;
    x ^= (x << 17n) & mask64;
    this.state = x;
    return x;
  }
}
