import wabtInit from 'wabt';

/** A WASI command that copies its config (stdin) to stdout: the config is the dashboard. */
const echoGeneratorWat = `(module
  (import "wasi_snapshot_preview1" "fd_read"
    (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (func (export "_start")
    (local $read i32)
    (block $done
      (loop $copy
        (i32.store (i32.const 0) (i32.const 1024))
        (i32.store (i32.const 4) (i32.const 65536))
        (br_if $done (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 16)))
        (local.set $read (i32.load (i32.const 16)))
        (br_if $done (i32.eqz (local.get $read)))
        (i32.store (i32.const 32) (i32.const 1024))
        (i32.store (i32.const 36) (local.get $read))
        (drop (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 48)))
        (br $copy)))))`;

/** The echo generator, assembled with wabt. */
export async function buildEchoGenerator(): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const parsed = wabt.parseWat('echo.wat', echoGeneratorWat);
  try {
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

/** A Dashboard manifest whose config is the dashboard the echo generator prints. */
export function echoManifest(options: {
  readonly name: string;
  readonly title: string;
  readonly generator: string;
}): string {
  return `apiVersion: dawg.urcloud.cc/v1
kind: Dashboard
metadata:
  name: ${options.name}
  namespace: shop
spec:
  generator: ${options.generator}
  config:
    title: ${options.title}
    panels: []
    schemaVersion: 39
`;
}
