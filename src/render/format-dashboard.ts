import type { DashboardModel } from './rendered-dashboard.js';

/**
 * The bytes written to out/: two-space JSON in the generator's key order and a trailing newline,
 * so the same dashboard always gives the same file and Git diffs stay readable.
 */
export function formatDashboard(dashboard: DashboardModel): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
