import { DawgError, isDawgError } from '../errors.js';
import { sha256Digest } from '../generator/digest.js';
import { checkLimit, defaultMaxMemoryBytes, memoryCapPages } from './limits.js';
import { isPreview1FunctionName, preview1Module } from './wasi/function-names.js';
import { capModuleMemory } from './wasm-binary.js';

/** `command`: config on stdin, dashboard on stdout. `reactor`: DAWG's exported generate(). */
export type CallingConvention = 'command' | 'reactor';

/** A checked, memory-capped, compiled generator, ready to run any number of times. */
export interface PreparedGenerator {
  /** `sha256:<hex>` of the module as given, before capping. */
  readonly digest: string;
  readonly convention: CallingConvention;
  /** Compiled once; posted to sandbox workers, which share the compiled code. */
  readonly module: WebAssembly.Module;
  /** Imports as `module.name`. */
  readonly imports: readonly string[];
  /** Export names. */
  readonly exports: readonly string[];
  /** Initial and maximum memory after capping, in 64 KiB pages. */
  readonly memoryPages: { readonly initial: number; readonly maximum: number };
}

/** Options of prepareGenerator. */
export interface PrepareGeneratorOptions {
  /** Memory cap per instance, in bytes. Default 256 MiB. */
  readonly maxMemoryBytes?: number;
}

/**
 * Checks a generator module without running it, caps its memory and compiles it. The calling
 * convention comes from the exports: `generate` makes a reactor, else `_start` a command.
 *
 * @throws DawgError, with a message that starts "generator module":
 *   `GENERATOR_INVALID_MODULE` for bytes that are not a core module (a component is named as
 *   such), that do not compile, or that export no memory or neither entry point;
 *   `GENERATOR_FORBIDDEN_IMPORT` for any import that is not a preview1 function, naming each;
 *   `RUN_MEMORY` when the module's initial memory is over the cap.
 */
export async function prepareGenerator(
  bytes: Uint8Array,
  options: PrepareGeneratorOptions = {},
): Promise<PreparedGenerator> {
  checkLimit('maxMemoryBytes', options.maxMemoryBytes);
  const capPages = memoryCapPages(options.maxMemoryBytes ?? defaultMaxMemoryBytes);
  const digest = sha256Digest(bytes);

  try {
    const capped = capModuleMemory(bytes, capPages);
    const module = await compile(capped.bytes);
    const imports = WebAssembly.Module.imports(module);
    const exports = WebAssembly.Module.exports(module);
    checkImports(imports);
    const convention = detectConvention(exports);

    return {
      digest,
      convention,
      module,
      imports: imports.map((entry) => `${entry.module}.${entry.name}`),
      exports: exports.map((entry) => entry.name),
      memoryPages: { initial: capped.initialPages, maximum: capped.maximumPages },
    };
  } catch (error) {
    throw describeAsModule(error);
  }
}

async function compile(bytes: Uint8Array): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compile(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DawgError('GENERATOR_INVALID_MODULE', `does not compile: ${reason}`);
  }
}

function checkImports(imports: readonly WebAssembly.ModuleImportDescriptor[]): void {
  const forbidden = imports.filter((entry) => entry.module !== preview1Module
    || entry.kind !== 'function'
    || !isPreview1FunctionName(entry.name));
  if (forbidden.length === 0) {
    return;
  }
  const names = forbidden.map((entry) => `${entry.module}.${entry.name}`).join(', ');
  throw new DawgError('GENERATOR_FORBIDDEN_IMPORT', `imports ${names}, outside WASI preview1`, {
    hint: 'generators may import only wasi_snapshot_preview1 functions (no sockets, no host '
      + 'functions, no imported memory)',
  });
}

function detectConvention(
  exports: readonly WebAssembly.ModuleExportDescriptor[],
): CallingConvention {
  const has = (name: string, kind: WebAssembly.ImportExportKind): boolean =>
    exports.some((entry) => entry.name === name && entry.kind === kind);
  if (has('generate', 'function')) {
    requireMemory(has('memory', 'memory'));
    return 'reactor';
  }
  if (has('_start', 'function')) {
    requireMemory(has('memory', 'memory'));
    return 'command';
  }
  throw new DawgError(
    'GENERATOR_INVALID_MODULE',
    'exports neither _start (a WASI command) nor generate (a DAWG reactor)',
  );
}

function requireMemory(isExported: boolean): void {
  if (!isExported) {
    throw new DawgError('GENERATOR_INVALID_MODULE', 'exports no memory, which WASI requires');
  }
}

/** Module errors read "generator module <what is wrong>". */
function describeAsModule(error: unknown): DawgError {
  if (!isDawgError(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new DawgError('GENERATOR_INVALID_MODULE', `generator module cannot be used: ${reason}`);
  }
  return new DawgError(error.code, `generator module ${error.message}`, {
    hint: error.hint,
    cause: error,
  });
}
