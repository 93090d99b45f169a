/**
 * poll_oneoff, which never blocks: a real wait would pin the worker thread where terminate()
 * cannot reach it (wasm.md B.3). Descriptor subscriptions are ready at once, since stdin and
 * stdout live in memory. Otherwise the fake clock jumps to the earliest timeout, so a generator
 * that sleeps an hour finishes at once and sees an hour pass.
 */
import type { CallContext, WasiFunctions } from './call-context.js';
import { errno } from './errno.js';
import type { GuestMemory } from './guest-memory.js';

/** Sizes and tags of the `subscription` and `event` records. */
const subscriptionBytes = 48;
const eventBytes = 32;
const clockTag = 0;
const readTag = 1;
const writeTag = 2;
const absoluteTimeFlag = 0x1;
const clockIdCount = 4;

interface Subscription {
  readonly userdata: bigint;
  readonly tag: number;
  /** fd for fd_read and fd_write; clock id for a clock. */
  readonly target: number;
  readonly timeout: bigint;
  readonly isAbsolute: boolean;
}

interface PollEvent {
  readonly subscription: Subscription;
  readonly error: number;
  readonly readableBytes: number;
}

/** poll_oneoff over `context`'s descriptors and fake clock. */
export function createPollOneoff(context: CallContext): WasiFunctions<'poll_oneoff'> {
  const { memory, fds, clock, input } = context;

  const descriptorEvent = (subscription: Subscription): PollEvent => {
    if (subscription.tag !== readTag && subscription.tag !== writeTag) {
      return { subscription, error: errno.invalid, readableBytes: 0 };
    }
    const entry = fds.get(subscription.target);
    const isReady = subscription.tag === readTag
      ? entry?.kind === 'input'
      : entry?.kind === 'stdout' || entry?.kind === 'stderr';
    const readableBytes = entry?.kind === 'input' ? input.length - entry.position : 0;
    const error = isReady ? errno.success : errno.badFileDescriptor;
    return { subscription, error, readableBytes: Math.max(0, readableBytes) };
  };

  /** Sleeps until the earliest timeout; the clocks due by then fire together. */
  const clockEvents = (subscriptions: readonly Subscription[]): PollEvent[] => {
    const invalid = subscriptions.filter((subscription) => subscription.target >= clockIdCount);
    if (invalid.length > 0) {
      return invalid.map((subscription) => clockEvent(subscription, errno.invalid));
    }
    const start = clock.now();
    const deadline = (subscription: Subscription): bigint =>
      subscription.isAbsolute ? subscription.timeout : start + subscription.timeout;
    let earliest = deadline(subscriptions[0]!);
    for (const subscription of subscriptions) {
      if (deadline(subscription) < earliest) {
        earliest = deadline(subscription);
      }
    }

    clock.advanceTo(earliest);
    return subscriptions
      .filter((subscription) => deadline(subscription) <= earliest)
      .map((subscription) => clockEvent(subscription, errno.success));
  };

  return {
    poll_oneoff: (subscriptions: number, events: number, count: number, eventCount: number) => {
      if ((count >>> 0) === 0) {
        return errno.invalid;
      }
      const all = readSubscriptions(memory, subscriptions, count >>> 0);
      memory.bytes(events, all.length * eventBytes);

      const descriptors = all.filter((subscription) => subscription.tag !== clockTag);
      const ready = descriptors.length > 0
        ? descriptors.map(descriptorEvent)
        : clockEvents(all);

      ready.forEach((event, index) => {
        writeEvent(memory, (events >>> 0) + index * eventBytes, event);
      });
      memory.writeUint32(eventCount, ready.length);
      return errno.success;
    },
  };
}

function clockEvent(subscription: Subscription, error: number): PollEvent {
  return { subscription, error, readableBytes: 0 };
}

function readSubscriptions(memory: GuestMemory, pointer: number, count: number): Subscription[] {
  memory.bytes(pointer, count * subscriptionBytes);
  const subscriptions: Subscription[] = [];
  for (let index = 0; index < count; index += 1) {
    const at = (pointer >>> 0) + index * subscriptionBytes;
    subscriptions.push({
      userdata: memory.readUint64(at),
      tag: memory.readUint8(at + 8),
      target: memory.readUint32(at + 16),
      timeout: memory.readUint64(at + 24),
      isAbsolute: (memory.readUint16(at + 40) & absoluteTimeFlag) !== 0,
    });
  }
  return subscriptions;
}

function writeEvent(memory: GuestMemory, pointer: number, event: PollEvent): void {
  memory.bytes(pointer, eventBytes).fill(0);
  memory.writeUint64(pointer, event.subscription.userdata);
  memory.writeUint16(pointer + 8, event.error);
  memory.writeUint8(pointer + 10, event.subscription.tag);
  memory.writeUint64(pointer + 16, BigInt(event.readableBytes));
}
