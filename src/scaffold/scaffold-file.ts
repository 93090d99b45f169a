/** One file of a scaffold: its path inside the new folder and its content. */
export interface ScaffoldFile {
  /** Relative, with `/` separators. */
  readonly path: string;
  readonly content: string;
  /** Written with mode 0755 (build scripts). Default false. */
  readonly isExecutable?: boolean;
}

/** How to build and test a scaffold, in shell commands run from its folder. */
export interface ScaffoldCommands {
  /** Installs the toolchain, when it comes from npm. */
  readonly install: string | undefined;
  readonly build: string;
  readonly test: string;
}

/**
 * The text of a file template written as `String.raw` from the line after its backtick, so
 * that each line of the template is a line of the file; drops that first line break.
 */
export function sourceText(raw: string): string {
  return raw.slice(1);
}
