/**
 * Tiny generators written in WebAssembly text, some well-behaved, most misbehaving on purpose,
 * assembled during the test run with the npm `wabt` package (no toolchain needed). Shared with
 * the render and end-to-end tests.
 */
import wabtFactory from 'wabt';

type Wabt = Awaited<ReturnType<typeof wabtFactory>>;
let wabt: Promise<Wabt> | undefined;

/**
 * Assembles WebAssembly text into a module's bytes. Bulk memory and exception handling are on:
 * the catch* fixtures use `try`/`catch_all` to try to swallow the sandbox's exits.
 */
export async function assembleWat(name: string, text: string): Promise<Uint8Array> {
  wabt ??= wabtFactory();
  const features = { bulk_memory: true, exceptions: true };
  const parsed = (await wabt).parseWat(`${name}.wat`, text, features);
  try {
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

const wasi = 'wasi_snapshot_preview1';
const fdRead = `(import "${wasi}" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))`;
const fdWrite = `(import "${wasi}" "fd_write"
  (func $fd_write (param i32 i32 i32 i32) (result i32)))`;
const procExit = `(import "${wasi}" "proc_exit" (func $proc_exit (param i32)))`;
const pathOpen = `(import "${wasi}" "path_open" (func $path_open
  (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))`;

/** A WAT string literal for `text`. */
function literal(text: string): string {
  return `"${[...new TextEncoder().encode(text)]
    .map((byte) => `\\${byte.toString(16).padStart(2, '0')}`).join('')}"`;
}

/**
 * `(func $print)` writing the constant `text` (stored at address 0) to stdout, or to stderr
 * with `fd` 2. Needs $fd_write.
 */
function printConstant(text: string, fd = 1): string {
  const length = new TextEncoder().encode(text).length;
  return `(data (i32.const 0) ${literal(text)})
  (func $print
    (i32.store (i32.const 60000) (i32.const 0))
    (i32.store (i32.const 60004) (i32.const ${length}))
    (drop (call $fd_write (i32.const ${fd}) (i32.const 60000) (i32.const 1) (i32.const 60008))))`;
}

/** Stores a one-hour relative clock subscription at 1000 for $poll, events at 2000. */
const sleepOneHour = `(i64.store (i32.const 1000) (i64.const 1))
    (i32.store8 (i32.const 1008) (i32.const 0))
    (i32.store (i32.const 1016) (i32.const 1))
    (i64.store (i32.const 1024) (i64.const 3600000000000))
    (drop (call $poll (i32.const 1000) (i32.const 2000) (i32.const 1) (i32.const 3000)))`;
const pollOneoff = `(import "${wasi}" "poll_oneoff"
  (func $poll (param i32 i32 i32 i32) (result i32)))`;
const clockTimeGet = `(import "${wasi}" "clock_time_get"
  (func $clock (param i32 i64 i32) (result i32)))`;

/**
 * A well-behaved WASI command: reads its config from stdin and prints
 * `{"title":"<title>","config":<config>}`.
 */
export function echoCommandWat(title = 'echo'): string {
  return wrapStdinWat(`{"title":${JSON.stringify(title)},"config":`, '}\n');
}

/** A WASI command that prints its config unchanged: the config is the dashboard. */
export function passThroughWat(): string {
  return wrapStdinWat('', '');
}

/** A command printing `prefix`, then stdin, then `suffix`. */
function wrapStdinWat(prefix: string, suffix: string): string {
  const prefixLength = new TextEncoder().encode(prefix).length;
  return `(module ${fdRead} ${fdWrite}
  (memory (export "memory") 2)
  (data (i32.const 0) ${literal(prefix)})
  (data (i32.const 512) ${literal(suffix)})
  (func (export "_start") (local $total i32) (local $n i32)
    (block $done (loop $read
      (i32.store (i32.const 600) (i32.add (i32.const 1024) (local.get $total)))
      (i32.store (i32.const 604) (i32.sub (i32.const 64000) (local.get $total)))
      (drop (call $fd_read (i32.const 0) (i32.const 600) (i32.const 1) (i32.const 616)))
      (local.set $n (i32.load (i32.const 616)))
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $total (i32.add (local.get $total) (local.get $n)))
      (br $read)))
    (i32.store (i32.const 700) (i32.const 0))
    (i32.store (i32.const 704) (i32.const ${prefixLength}))
    (i32.store (i32.const 708) (i32.const 1024))
    (i32.store (i32.const 712) (local.get $total))
    (i32.store (i32.const 716) (i32.const 512))
    (i32.store (i32.const 720) (i32.const ${new TextEncoder().encode(suffix).length}))
    (drop (call $fd_write (i32.const 1) (i32.const 700) (i32.const 3) (i32.const 616)))))`;
}

/**
 * A well-behaved reactor in the original DAWG convention: reads /dawg/input and returns
 * `{"title":"reactor","config":<input>}` as (ptr << 32) | len.
 */
export function echoReactorWat(): string {
  const prefix = '{"title":"reactor","config":';
  const prefixLength = new TextEncoder().encode(prefix).length;
  return `(module ${fdRead} ${pathOpen}
  (memory (export "memory") 2)
  (data (i32.const 100) "input")
  (data (i32.const 4096) ${literal(prefix)})
  (func (export "generate") (result i64) (local $total i32) (local $n i32) (local $fd i32)
    (if (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 5) (i32.const 0)
          (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 200))
      (then unreachable))
    (local.set $fd (i32.load (i32.const 200)))
    (block $done (loop $read
      (i32.store (i32.const 300)
        (i32.add (i32.const ${4096 + prefixLength}) (local.get $total)))
      (i32.store (i32.const 304) (i32.const 1024))
      (drop (call $fd_read (local.get $fd) (i32.const 300) (i32.const 1) (i32.const 316)))
      (local.set $n (i32.load (i32.const 316)))
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $total (i32.add (local.get $total) (local.get $n)))
      (br $read)))
    (i32.store8 (i32.add (i32.const ${4096 + prefixLength}) (local.get $total)) (i32.const 125))
    (i64.or (i64.shl (i64.const 4096) (i64.const 32))
      (i64.extend_i32_u (i32.add (local.get $total) (i32.const ${prefixLength + 1}))))))`;
}

/**
 * A reactor exporting _start (which exits 0), _initialize and generate, each adding a letter
 * to a buffer; generate() also reads the clock, so WASI must still answer after that exit. It
 * returns the letters in call order: "SIG".
 */
export function reactorLifecycleWat(): string {
  return `(module ${procExit} ${clockTimeGet} (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))
  (func $mark (param $letter i32)
    (i32.store8 (i32.add (i32.const 2000) (global.get $count)) (local.get $letter))
    (global.set $count (i32.add (global.get $count) (i32.const 1))))
  (func (export "_start") (call $mark (i32.const 83)) (call $proc_exit (i32.const 0)))
  (func (export "_initialize") (call $mark (i32.const 73)))
  (func (export "generate") (result i64)
    (if (call $clock (i32.const 0) (i64.const 1) (i32.const 3000)) (then unreachable))
    (call $mark (i32.const 71))
    (i64.or (i64.shl (i64.const 2000) (i64.const 32)) (i64.extend_i32_u (global.get $count)))))`;
}

/** A reactor that reports a config error the original way: 'e' then {"err": …}. */
export function reactorErrorWat(): string {
  const text = 'e{"err":"config.instance is required"}';
  return `(module
  (memory (export "memory") 1)
  (data (i32.const 64) ${literal(text)})
  (func (export "generate") (result i64)
    (i64.or (i64.shl (i64.const 64) (i64.const 32)) (i64.const ${text.length}))))`;
}

/** The misbehaving modules of wasm.md's list and the original prototype's runtime tests. */
export const adversarialWat = {
  loop: `(module (memory (export "memory") 1)
  (func (export "_start") (loop $forever (br $forever))))`,

  membomb: `(module (memory (export "memory") 1)
  (func (export "_start") (local $page i32)
    (loop $grow
      (local.set $page (memory.grow (i32.const 1)))
      (if (i32.eq (local.get $page) (i32.const -1)) (then unreachable))
      (i32.store8 (i32.mul (local.get $page) (i32.const 65536)) (i32.const 1))
      (br $grow))))`,

  /** Grows 4 MiB at a time and fills it. */
  membombFill: `(module (memory (export "memory") 1)
  (func (export "_start") (local $page i32)
    (loop $grow
      (local.set $page (memory.grow (i32.const 64)))
      (if (i32.eq (local.get $page) (i32.const -1)) (then unreachable))
      (memory.fill (i32.mul (local.get $page) (i32.const 65536)) (i32.const 7)
        (i32.const 4194304))
      (br $grow))))`,

  /** Declares its own 512 KiB maximum, then grows past it a page at a time. */
  membombMax: `(module (memory (export "memory") 1 8)
  (func (export "_start") (local $page i32)
    (loop $grow
      (local.set $page (memory.grow (i32.const 1)))
      (if (i32.eq (local.get $page) (i32.const -1)) (then unreachable))
      (br $grow))))`,

  memimport: `(module (import "env" "memory" (memory 1))
  (func (export "_start")))`,

  bigdata: `(module (memory (export "memory") 65536)
  (func (export "_start")))`,

  hugeout: `(module ${fdWrite} (memory (export "memory") 2)
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 1024))
    (i32.store (i32.const 4) (i32.const 65536))
    (loop $forever
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (br $forever))))`,

  badptr: `(module (memory (export "memory") 1)
  (func (export "generate") (result i64)
    (i64.or (i64.shl (i64.const 0x7fff0000) (i64.const 32)) (i64.const 4096))))`,

  trap: `(module (memory (export "memory") 1)
  (func (export "_start") unreachable))`,

  stackbomb: `(module (memory (export "memory") 1)
  (func $recurse (param i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "_start") (drop (call $recurse (i32.const 0)))))`,

  exit7: `(module ${procExit} (memory (export "memory") 1)
  (func (export "_start") (call $proc_exit (i32.const 7))))`,

  sockopen: `(module
  (import "${wasi}" "sock_open" (func $sock_open (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start") (drop (call $sock_open (i32.const 1) (i32.const 1) (i32.const 0)))))`,

  /** Exits with the errno that sock_accept returned. */
  sockaccept: `(module ${procExit}
  (import "${wasi}" "sock_accept" (func $sock_accept (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (call $proc_exit (call $sock_accept (i32.const 3) (i32.const 0) (i32.const 100)))))`,

  unknownimport: `(module (import "env" "launch_missiles" (func $launch))
  (memory (export "memory") 1)
  (func (export "_start") (call $launch)))`,

  /** Sleeps an hour through poll_oneoff, then prints a dashboard. */
  sleep: `(module ${fdWrite} ${pollOneoff}
  (memory (export "memory") 1)
  ${printConstant('{"title":"awake"}')}
  (func (export "_start")
    ${sleepOneHour}
    (call $print)))`,

  /** The original prototype's hang, in host calls: sleeps an hour, again and again. */
  hang: `(module ${pollOneoff} (memory (export "memory") 1)
  (func (export "_start")
    (loop $forever
      ${sleepOneHour}
      (br $forever))))`,

  /** The original prototype's panic, as Rust does it: a message on stderr, then a trap. */
  panic: `(module ${fdWrite} (memory (export "memory") 1)
  ${printConstant("thread 'main' panicked at src/main.rs:4:5:\nconfig has no panels\n", 2)}
  (func (export "_start") (call $print) unreachable))`,

  /** A config error the command way: a message on stderr, then exit code 1. */
  stderrExit: `(module ${fdWrite} ${procExit} (memory (export "memory") 1)
  ${printConstant('error: config.panels must be a number\nsee the docs\n', 2)}
  (func (export "_start") (call $print) (call $proc_exit (i32.const 1))))`,

  /** Catches its own proc_exit(7), then tries to print a dashboard and return normally. */
  catchExit: `(module ${fdWrite} ${procExit} (memory (export "memory") 1)
  ${printConstant('{"title":"escaped"}')}
  (func (export "_start")
    (try (do (call $proc_exit (i32.const 7))) (catch_all))
    (try (do (call $print)) (catch_all))))`,

  /** Writes forever, catches the output cap's unwinding, then returns normally. */
  catchOutputLimit: `(module ${fdWrite} (memory (export "memory") 2)
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 1024))
    (i32.store (i32.const 4) (i32.const 65536))
    (try (do
      (loop $forever
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (br $forever)))
      (catch_all))))`,

  /** Hands fd_write an iovec far outside its memory and exits with the errno (EFAULT, 21). */
  faultyPointer: `(module ${fdWrite} ${procExit} (memory (export "memory") 1)
  (func (export "_start")
    (call $proc_exit (call $fd_write (i32.const 1) (i32.const 0x7ffffff0) (i32.const 1)
      (i32.const 8)))))`,

  /** A reactor whose generate() claims 2 GiB of output. */
  reactorHugeout: `(module (memory (export "memory") 1)
  (func (export "generate") (result i64) (i64.const 0x7fffffff)))`,

  /** A reactor whose _start exits with code 2. */
  reactorStartExit: `(module ${procExit} (memory (export "memory") 1)
  (func (export "_start") (call $proc_exit (i32.const 2)))
  (func (export "generate") (result i64) (i64.const 0)))`,

  /** Exports a function named main and nothing a generator needs. */
  noEntryPoint: `(module (memory (export "memory") 1) (func (export "main")))`,

  /** A command without a memory, which WASI cannot work with. */
  noMemory: `(module (func (export "_start")))`,

  /** Prints the clock and 16 random bytes, as hex. */
  clockrand: `(module ${fdWrite} ${clockTimeGet}
  (import "${wasi}" "random_get" (func $random (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "0123456789abcdef")
  (func (export "_start") (local $i i32) (local $byte i32)
    (drop (call $clock (i32.const 0) (i64.const 1) (i32.const 100)))
    (drop (call $clock (i32.const 1) (i64.const 1) (i32.const 108)))
    (drop (call $random (i32.const 116) (i32.const 16)))
    (loop $hex
      (local.set $byte (i32.load8_u (i32.add (i32.const 100) (local.get $i))))
      (i32.store8 (i32.add (i32.const 200) (i32.shl (local.get $i) (i32.const 1)))
        (i32.load8_u (i32.shr_u (local.get $byte) (i32.const 4))))
      (i32.store8 (i32.add (i32.const 201) (i32.shl (local.get $i) (i32.const 1)))
        (i32.load8_u (i32.and (local.get $byte) (i32.const 15))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $hex (i32.lt_u (local.get $i) (i32.const 32))))
    (i32.store (i32.const 400) (i32.const 200))
    (i32.store (i32.const 404) (i32.const 64))
    (drop (call $fd_write (i32.const 1) (i32.const 400) (i32.const 1) (i32.const 408)))))`,

  reactorExit: `(module ${procExit} (memory (export "memory") 1)
  (func (export "generate") (result i64) (call $proc_exit (i32.const 3)) (i64.const 0)))`,

  /** Command: tries to open /etc/hostname through fd 3 and exits with the errno. */
  noFsRead: `(module ${procExit} ${pathOpen} (memory (export "memory") 1)
  (data (i32.const 100) "/etc/hostname")
  (func (export "_start")
    (call $proc_exit (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 13)
      (i32.const 0) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 200)))))`,

  /** Reactor: tries to escape /dawg with ../ and exits with the errno. */
  noFsEscape: `(module ${procExit} ${pathOpen} (memory (export "memory") 1)
  (data (i32.const 100) "../etc/hostname")
  (func (export "generate") (result i64)
    (call $proc_exit (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 15)
      (i32.const 0) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 200)))
    (i64.const 0)))`,

  /** Reactor: tries to create /dawg/hacked and exits with the errno. */
  noFsWrite: `(module ${procExit} ${pathOpen} (memory (export "memory") 1)
  (data (i32.const 100) "hacked")
  (func (export "generate") (result i64)
    (call $proc_exit (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 6)
      (i32.const 1) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 200)))
    (i64.const 0)))`,

  /** Exits with the number of environment variables it can see. */
  noEnvRead: `(module ${procExit}
  (import "${wasi}" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (call $sizes (i32.const 100) (i32.const 104)))
    (call $proc_exit (i32.add (i32.const 10) (i32.load (i32.const 100))))))`,
} as const;
