/** Process exit codes of the `dawg` CLI, documented in the README. */
export const exitCodes = {
  /** Everything succeeded, or there was nothing to do. */
  success: 0,
  /** At least one item failed, or the run could not start (bad flags, unreachable Grafana). */
  failure: 1,
  /** `diff --exit-code`: the run succeeded and changes are pending. */
  changesPending: 2,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
