/** The route table of the `/apis/dashboard.grafana.app/v1beta1` endpoints. */
import {
  createDashboardResource,
  deleteDashboardResource,
  getDashboardResource,
  listDashboardResources,
  updateDashboardResource,
} from './k8s-dashboards.js';
import type { Route } from './route.js';

const collection = '/apis/dashboard.grafana.app/v1beta1/namespaces/:namespace/dashboards';
const item = `${collection}/:name`;

/** Every `/apis` route; the org comes from the namespace. */
export const k8sRoutes: readonly Route[] = [
  {
    access: 'read',
    family: 'k8s',
    methods: ['GET'],
    pattern: collection,
    handle: listDashboardResources,
  },
  {
    access: 'write',
    family: 'k8s',
    methods: ['POST'],
    pattern: collection,
    permission: 'dashboards:create',
    handle: createDashboardResource,
  },
  { access: 'read', family: 'k8s', methods: ['GET'], pattern: item, handle: getDashboardResource },
  {
    access: 'write',
    family: 'k8s',
    methods: ['PUT'],
    pattern: item,
    permission: 'dashboards:write',
    handle: updateDashboardResource,
  },
  {
    access: 'write',
    family: 'k8s',
    methods: ['DELETE'],
    pattern: item,
    permission: 'dashboards:delete',
    handle: deleteDashboardResource,
  },
];
