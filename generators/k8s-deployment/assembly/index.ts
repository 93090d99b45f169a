// k8s-deployment: one Kubernetes Deployment's replicas, CPU, memory and restarts, from
// kube-state-metrics and the kubelet's cAdvisor metrics in Prometheus.
//
// Pods are matched by name, `<deployment>-<pod-template-hash>-<suffix>`, which every Deployment
// gives its pods; this needs no recording rules and no join through kube_pod_owner and
// kube_replicaset_owner, at the price of also matching a bare ReplicaSet named like one of the
// Deployment's own.
import {
  Config,
  Dashboard,
  Panel,
  QueryVariable,
  Selector,
  escapeRegex,
  readConfig,
  writeOutput,
} from '../../sdk/assembly';

const knownFields = ['namespace', 'deployment', 'cluster', 'datasource', 'title'];
/** The longest DNS-1123 label (a namespace) and subdomain (a Deployment name). */
const maxLabelLength = 63;
const maxSubdomainLength = 253;

class Settings {
  constructor(
    public namespace: string,
    public deployment: string,
    public cluster: string,
    public datasource: string,
    public title: string,
  ) {}
}

function readSettings(config: Config): Settings {
  config.rejectUnknown(knownFields);
  const namespace = config.requiredString('namespace');
  if (!isDnsLabel(namespace)) {
    config.fail<void>('namespace', 'must be a DNS-1123 label (at most 63 lowercase letters, '
      + 'digits and "-", starting and ending with a letter or digit), not "' + namespace + '"');
  }
  const deployment = config.requiredString('deployment');
  if (!isDnsSubdomain(deployment)) {
    config.fail<void>('deployment', 'must be a DNS-1123 subdomain (lowercase letters, digits, '
      + '"-" and ".", as Kubernetes names Deployments), not "' + deployment + '"');
  }
  const cluster = config.optionalString('cluster', '');
  const title = config.optionalString('title', cluster.length > 0
    ? cluster + ' / ' + namespace + ' / ' + deployment
    : namespace + ' / ' + deployment);
  if (title.trim().length == 0) {
    config.fail<void>('title', 'must not be empty');
  }
  return new Settings(namespace, deployment, cluster, config.optionalString('datasource', ''),
    title);
}

function isDnsLabel(text: string): bool {
  if (text.length == 0 || text.length > maxLabelLength) {
    return false;
  }
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const isAlphanumeric = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
    const isEdge = index == 0 || index == text.length - 1;
    if (!isAlphanumeric && (code != 0x2d || isEdge)) {
      return false;
    }
  }
  return true;
}

function isDnsSubdomain(text: string): bool {
  if (text.length == 0 || text.length > maxSubdomainLength) {
    return false;
  }
  const labels = text.split('.');
  for (let index = 0; index < labels.length; index++) {
    if (!isDnsLabel(labels[index])) {
      return false;
    }
  }
  return true;
}

/** `<deployment>-<pod-template-hash>-<suffix>`: the names a Deployment gives its pods. */
function podNamePattern(deployment: string): string {
  return escapeRegex(deployment) + '-[a-z0-9]{1,10}-[a-z0-9]{5}';
}

function render(settings: Settings): string {
  let scope = new Selector().equal('namespace', settings.namespace);
  if (settings.cluster.length > 0) {
    scope = scope.equal('cluster', settings.cluster);
  }
  const deployment = scope.equal('deployment', settings.deployment);
  const pods = scope.with('pod', '=~', '$pod');
  const containers = pods.with('container', '!=', '').with('container', '!=', 'POD');

  const dashboard = new Dashboard(settings.title);
  dashboard.description = 'Replicas, CPU, memory and restarts of Deployment '
    + settings.namespace + '/' + settings.deployment + '.';
  dashboard.tags = ['kubernetes', 'deployment', settings.namespace];
  dashboard.defaultDatasource = settings.datasource;
  const pod = new QueryVariable('pod', 'Pod', 'label_values(kube_pod_info'
    + scope.with('pod', '=~', podNamePattern(settings.deployment)).toString() + ', pod)');
  pod.multi = true;
  pod.includeAll = true;
  // Grafana pastes a custom "All" value into pod=~"$pod" unescaped, so it must already be
  // written as the inside of a PromQL string: each regex backslash doubled.
  pod.allValue = podNamePattern(settings.deployment).replaceAll('\\', '\\\\');
  dashboard.addVariable(pod);

  addReplicas(dashboard, deployment, pods);
  addCpu(dashboard, containers, pods);
  addMemory(dashboard, containers, pods);
  addRestarts(dashboard, pods);
  return dashboard.toJson();
}

function addReplicas(dashboard: Dashboard, deployment: Selector, pods: Selector): void {
  const desired = 'sum(kube_deployment_spec_replicas' + deployment.toString() + ')';
  const available = 'sum(kube_deployment_status_replicas_available' + deployment.toString() + ')';
  const unavailable = 'sum(kube_deployment_status_replicas_unavailable'
    + deployment.toString() + ')';
  const updated = 'sum(kube_deployment_status_replicas_updated' + deployment.toString() + ')';

  dashboard.addRow('Replicas');
  dashboard.addPanel(Panel.stat('Desired replicas').withUnit('none').addTarget(desired, ''));
  dashboard.addPanel(Panel.stat('Available replicas').withUnit('none')
    .withThreshold('red', 0).withThreshold('green', 1).addTarget(available, ''));
  dashboard.addPanel(Panel.stat('Unavailable replicas').withUnit('none')
    .withThreshold('green', 0).withThreshold('red', 1).addTarget(unavailable, ''));
  dashboard.addPanel(Panel.stat('Container restarts (1h)').withUnit('none')
    .withDescription('Restarts of the selected pods\' containers over the last hour.')
    .withThreshold('green', 0).withThreshold('orange', 1).withThreshold('red', 5)
    .addTarget('sum(increase(kube_pod_container_status_restarts_total' + pods.toString()
      + '[1h]))', ''));
  dashboard.addPanel(Panel.timeseries('Replicas', 24, 7).withUnit('none').withDecimals(0)
    .withDescription('Desired replicas against those available, unavailable and updated to '
      + 'the current pod template.')
    .withSeriesStyle('desired', 'blue', true)
    .withSeriesStyle('unavailable', 'red', false)
    .addTarget(desired, 'desired')
    .addTarget(available, 'available')
    .addTarget(unavailable, 'unavailable')
    .addTarget(updated, 'updated'));
}

function addCpu(dashboard: Dashboard, containers: Selector, pods: Selector): void {
  const usage = 'sum by (pod) (rate(container_cpu_usage_seconds_total' + containers.toString()
    + '[$__rate_interval]))';
  const requests = 'sum by (pod) (kube_pod_container_resource_requests'
    + pods.equal('resource', 'cpu').toString() + ')';
  const limits = 'sum by (pod) (kube_pod_container_resource_limits'
    + pods.equal('resource', 'cpu').toString() + ')';
  const throttled = 'sum by (pod) (rate(container_cpu_cfs_throttled_periods_total'
    + containers.toString() + '[$__rate_interval]))';
  const periods = 'sum by (pod) (rate(container_cpu_cfs_periods_total' + containers.toString()
    + '[$__rate_interval]))';

  dashboard.addRow('CPU');
  dashboard.addPanel(Panel.timeseries('CPU usage per pod', 8).withUnit('short')
    .withAxisLabel('cores').withRange(0, NaN)
    .withDescription('CPU cores used by each pod, against the request and limit of one pod.')
    .withSeriesStyle('request', 'orange', true).withSeriesStyle('limit', 'red', true)
    .addTarget(usage, '{{pod}}')
    .addTarget('max(' + requests + ')', 'request')
    .addTarget('max(' + limits + ')', 'limit'));
  dashboard.addPanel(Panel.timeseries('CPU usage / request', 8).withUnit('percentunit')
    .withRange(0, NaN).withThreshold('green', 0).withThreshold('red', 1).withThresholdLines()
    .withDescription('Above 100% a pod uses more CPU than it asked for and competes for '
      + 'spare node capacity.')
    .addTarget(usage + ' / ' + requests, '{{pod}}'));
  dashboard.addPanel(Panel.timeseries('CPU throttling', 8).withUnit('percentunit')
    .withRange(0, 1).withThreshold('green', 0).withThreshold('orange', 0.25)
    .withThresholdLines()
    .withDescription('Share of CFS periods in which a pod hit its CPU limit.')
    .addTarget(throttled + ' / ' + periods, '{{pod}}'));
}

function addMemory(dashboard: Dashboard, containers: Selector, pods: Selector): void {
  const workingSet = 'sum by (pod) (container_memory_working_set_bytes' + containers.toString()
    + ')';
  const requests = 'sum by (pod) (kube_pod_container_resource_requests'
    + pods.equal('resource', 'memory').toString() + ')';
  const limits = 'sum by (pod) (kube_pod_container_resource_limits'
    + pods.equal('resource', 'memory').toString() + ')';
  const oomKilled = 'sum by (pod, container) (kube_pod_container_status_last_terminated_reason'
    + pods.equal('reason', 'OOMKilled').toString() + ')';

  dashboard.addRow('Memory');
  dashboard.addPanel(Panel.timeseries('Memory working set per pod', 8).withUnit('bytes')
    .withRange(0, NaN)
    .withDescription('Working set (what the kernel cannot reclaim) of each pod, against the '
      + 'request and limit of one pod.')
    .withSeriesStyle('request', 'orange', true).withSeriesStyle('limit', 'red', true)
    .addTarget(workingSet, '{{pod}}')
    .addTarget('max(' + requests + ')', 'request')
    .addTarget('max(' + limits + ')', 'limit'));
  dashboard.addPanel(Panel.timeseries('Memory working set / limit', 8).withUnit('percentunit')
    .withRange(0, 1).withThreshold('green', 0).withThreshold('orange', 0.8)
    .withThreshold('red', 0.95).withThresholdLines()
    .withDescription('At 100% the kernel kills the container (OOMKilled).')
    .addTarget(workingSet + ' / ' + limits, '{{pod}}'));
  dashboard.addPanel(Panel.timeseries('Containers last killed for memory', 8).withUnit('none')
    .withDecimals(0).withRange(0, NaN)
    .withDescription('Containers whose last termination was an OOM kill.')
    .addTarget(oomKilled, '{{pod}}/{{container}}'));
}

function addRestarts(dashboard: Dashboard, pods: Selector): void {
  const restarts = 'sum by (pod, container) (increase(kube_pod_container_status_restarts_total'
    + pods.toString() + '[15m]))';
  const waiting = 'sum by (reason) (kube_pod_container_status_waiting_reason'
    + pods.toString() + ')';
  const notReady = 'sum by (pod) (kube_pod_status_ready'
    + pods.with('condition', '!=', 'true').toString() + ')';

  dashboard.addRow('Restarts and readiness');
  dashboard.addPanel(Panel.timeseries('Container restarts (per 15 min)', 8).withUnit('none')
    .withRange(0, NaN).addTarget(restarts, '{{pod}}/{{container}}'));
  dashboard.addPanel(Panel.timeseries('Containers waiting, by reason', 8).withUnit('none')
    .withDecimals(0).withRange(0, NaN).withStacking()
    .withDescription('CrashLoopBackOff, ImagePullBackOff, ContainerCreating and the like.')
    .addTarget(waiting, '{{reason}}'));
  dashboard.addPanel(Panel.timeseries('Pods not ready', 8).withUnit('none').withDecimals(0)
    .withRange(0, NaN).withStacking().addTarget(notReady, '{{pod}}'));
}

writeOutput(render(readSettings(readConfig())));
