/** One file of a scaffold: its path inside the new folder and its content. */
export interface ScaffoldFile {
  /** Relative, with `/` separators. */
  readonly path: string;
  readonly content: string;
  /** Written with mode 0755 (build scripts). Default false. */
  readonly isExecutable?: boolean;
}
