/** `GET` and `DELETE /api/dashboards/uid/:uid` (research note §3.1, §3.2). */
import { jsonResponse, messageResponse, type ApiResponse } from './api-response.js';
import { dashboardTitle, viewDashboardJson, viewDashboardMeta } from './dashboard-view.js';
import type { RouteContext } from './route.js';

/** Handles `GET /api/dashboards/uid/:uid`: the stored JSON and its meta, or 404. */
export function getDashboard(context: RouteContext): ApiResponse {
  const dashboard = context.org.dashboards.get(context.params['uid'] ?? '');
  if (dashboard === undefined) {
    return jsonResponse(404, { message: 'Dashboard not found', traceID: '' });
  }

  const meta = viewDashboardMeta(context.org, dashboard, {
    role: context.identity.role,
    settings: context.state.settings,
  });
  return jsonResponse(200, { dashboard: viewDashboardJson(dashboard), meta });
}

/** Handles `DELETE /api/dashboards/uid/:uid`; provisioned dashboards cannot be deleted. */
export function deleteDashboard(context: RouteContext): ApiResponse {
  const dashboard = context.org.dashboards.get(context.params['uid'] ?? '');
  if (dashboard === undefined) {
    return messageResponse(404, 'Dashboard not found');
  }
  if (dashboard.provisioned) {
    return messageResponse(400, 'provisioned dashboard cannot be deleted');
  }

  context.org.dashboards.delete(dashboard.uid);
  const title = dashboardTitle(dashboard.spec);
  return jsonResponse(200, { title, message: `Dashboard ${title} deleted`, uid: dashboard.uid });
}
