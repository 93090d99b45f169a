/** 2024-01-01T00:00:00Z in nanoseconds: the moment every run starts at. */
const epochNanoseconds = 1_704_067_200_000_000_000n;
/** Each reading moves the clock 1 µs, so a generator timing itself sees time pass. */
const tickNanoseconds = 1_000n;

/**
 * The sandbox's clock, for every WASI clock id: a fixed start, moving 1 µs per reading and
 * jumping forward when the module sleeps, so a run's output never depends on the real time.
 */
export class FakeClock {
  private nanoseconds = epochNanoseconds;

  /** Resolution reported to the module, in nanoseconds. */
  readonly resolutionNanoseconds = tickNanoseconds;

  /** The time now, without moving the clock. */
  now(): bigint {
    return this.nanoseconds;
  }

  /** A reading: the time now, after moving the clock one tick. */
  read(): bigint {
    this.nanoseconds += tickNanoseconds;
    return this.nanoseconds;
  }

  /** Sleeps `duration` nanoseconds, instantly. */
  advanceBy(duration: bigint): void {
    this.nanoseconds += duration;
  }

  /** Sleeps until the absolute time `at`, instantly; a time already passed changes nothing. */
  advanceTo(at: bigint): void {
    if (at > this.nanoseconds) {
      this.nanoseconds = at;
    }
  }
}
