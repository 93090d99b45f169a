/**
 * DAWG's public library API: the pipeline that every face (CLI, GitHub Action, a Kubernetes
 * controller) drives, and the stage functions for callers who need one step alone. Written by
 * hand: what is not listed here is internal and may change.
 */

// The pipeline: find → resolve → render → plan → apply.
export {
  applyProject,
  findProjectManifests,
  lockProject,
  planProject,
  renderProject,
} from './pipeline.js';
export type {
  ApplyProjectOptions,
  ApplyProjectResult,
  FindProjectManifestsOptions,
  LockProjectOptions,
  LockProjectResult,
  PlanProjectOptions,
  PlanProjectResult,
  ProjectManifests,
  RenderFailure,
  RenderProjectOptions,
  RenderResult,
} from './pipeline.js';

// Errors and logging.
export { DawgError, errorCodes, formatError, isDawgError } from './errors.js';
export type { DawgErrorOptions, ErrorCode, ErrorLocation } from './errors.js';
export { createMaskingLogger, createMemoryLogger, silentLogger } from './log.js';
export type { LogEntry, LogFields, Logger, LogLevel, MaskingLogger } from './log.js';

// Manifests.
export { manifestApiVersion, manifestKey, manifestKind } from './manifest/manifest.js';
export type { DashboardManifest, ManifestSource, Position } from './manifest/manifest.js';
export { parseManifests } from './manifest/parse-manifests.js';
export type { ManifestOutcome, ParseManifestsOptions } from './manifest/parse-manifests.js';
export { validateConfig } from './manifest/validate-config.js';

// Generators: references, registries, the lock file, the sandbox.
export { parseGeneratorReference } from './generator/reference.js';
export type { GeneratorReference, OciReference, ResolvedGenerator } from './generator/reference.js';
export { formatOciReference, parseOciReference } from './generator/oci/reference.js';
export { createOciResolver } from './generator/oci/resolver.js';
export type { OciResolution, OciResolver, OciResolverOptions } from './generator/oci/resolver.js';
export { pushGenerator } from './generator/oci/push-generator.js';
export type { PushGeneratorOptions, PushResult } from './generator/oci/push-generator.js';
export { lockGenerators } from './generator/oci/lock-generators.js';
export type { LockOutcome, LockResult } from './generator/oci/lock-generators.js';
export { createBlobCache, defaultCacheDirectory } from './generator/cache.js';
export { defaultLockFileName, readLockFile, writeLockFile } from './generator/lock-file.js';
export {
  embedGeneratorMetadata,
  generatorMetadataSectionName,
  parseGeneratorMetadata,
  readGeneratorMetadata,
} from './generator/metadata.js';
export type { GeneratorMetadata } from './generator/metadata.js';
export { formatConfigTemplate } from './generator/config-template.js';
export { scaffoldDashboard } from './scaffold/scaffold-dashboard.js';
export { scaffoldGenerator } from './scaffold/scaffold-generator.js';
export { readProjectConfig } from './manifest/project-config.js';
export type { ProjectConfig } from './manifest/project-config.js';
export { prepareGenerator } from './runtime/prepare-generator.js';
export type { CallingConvention, PreparedGenerator } from './runtime/prepare-generator.js';
export { createSandboxPool } from './runtime/sandbox-pool.js';
export type { SandboxPool, SandboxPoolOptions } from './runtime/sandbox-pool.js';
export type { RunOutcome } from './runtime/run-outcome.js';

// Rendering.
export { deriveDashboardUid } from './render/dashboard-uid.js';
export type { DashboardModel, RenderedDashboard } from './render/rendered-dashboard.js';

// Grafana: plan, apply, reports.
export { planChanges, driftPolicies } from './grafana/plan.js';
export type { DriftPolicy, Plan, PlanItem, PlanOptions } from './grafana/plan.js';
export { applyPlan } from './grafana/apply.js';
export type { ApplyOptions, ApplyResult } from './grafana/apply.js';
export { createGrafanaClient } from './grafana/client.js';
export type { GrafanaClient, GrafanaClientOptions } from './grafana/client.js';
export { connectGrafana } from './grafana/connection.js';
export type { GrafanaConnectionOptions } from './grafana/connection.js';
export { checkGrafana } from './grafana/check-grafana.js';
export { reportJson } from './report/json-report.js';
export type { JsonReport } from './report/json-report.js';
export { reportMarkdown } from './report/markdown-report.js';
export { reportText } from './report/text-report.js';
export type { RunReport } from './report/run-report.js';
