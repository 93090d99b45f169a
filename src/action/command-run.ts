import type { OciModuleSource } from '../generator/resolve.js';
import type { MaskingLogger } from '../log.js';
import type { AnnotatedFailure } from './annotations.js';

/** What every command runs with, besides the inputs. */
export interface CommandOptions {
  readonly logger: MaskingLogger;
  /** Where oci:// generators come from. */
  readonly registry: OciModuleSource;
  readonly signal?: AbortSignal;
}

/** The Action's counts outputs, one per plan action, plus the items that failed. */
export interface ChangeCounts {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly unchanged: number;
  readonly failed: number;
}

/** What one command produced, in the terms the Action publishes. */
export interface CommandRun {
  /** The report for the job summary, the pull request comment and `report-path`. */
  readonly markdown: string;
  /** The plan as JSON for `plan-path`; undefined for `render`, which plans nothing. */
  readonly planJson: string | undefined;
  readonly counts: ChangeCounts;
  /** Each becomes an error annotation on its file and line. */
  readonly failures: readonly AnnotatedFailure[];
  /** Whether Grafana differs from the rendered dashboards (for `fail-on-changes`). */
  readonly hasPendingChanges: boolean;
}
