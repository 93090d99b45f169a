// service-red: the RED view of one HTTP service (Rate, Errors, Duration) from a request
// counter and a latency histogram in Prometheus, with SLO panels when an objective is given.
import {
  Config,
  Dashboard,
  Panel,
  QueryVariable,
  Selector,
  formatNumber,
  isLabelName,
  isMetricName,
  readConfig,
  writeOutput,
} from '../../sdk/assembly';

const knownFields = [
  'service', 'job', 'selector', 'requestsMetric', 'durationMetric', 'statusLabel', 'routeLabel',
  'errorStatus', 'quantiles', 'slo', 'datasource', 'title',
];
const knownSloFields = ['availability', 'latencyBucket', 'latencyTarget'];
const defaultQuantiles: f64[] = [0.5, 0.9, 0.99];
/** More lines than this make a latency chart unreadable. */
const maxQuantiles = 6;
/** The fast-burn alert threshold of the multiwindow method: 2% of a 30-day budget in 1 hour. */
const fastBurnRate: f64 = 14.4;

class Objective {
  constructor(public availability: f64, public latencyBucket: string,
    public latencyTarget: f64) {}

  /** The error budget, 1 - availability, rounded so that 0.999 gives 0.001 exactly. */
  errorBudget(): f64 {
    return Math.round((1 - this.availability) * 1e12) / 1e12;
  }
}

class Settings {
  service: string = '';
  selector: Selector = new Selector();
  requestsMetric: string = '';
  durationMetric: string = '';
  statusLabel: string = '';
  routeLabel: string = '';
  errorStatus: string = '';
  quantiles: f64[] = [];
  objective: Objective | null = null;
  datasource: string = '';
  title: string = '';
}

function readSettings(config: Config): Settings {
  config.rejectUnknown(knownFields);
  const settings = new Settings();
  settings.service = config.requiredString('service');
  if (settings.service.trim().length == 0) {
    config.fail<void>('service', 'must not be empty');
  }
  settings.selector = readSelector(config, settings.service);
  settings.requestsMetric = readMetric(config, 'requestsMetric', 'http_requests_total');
  settings.durationMetric = readMetric(config, 'durationMetric', 'http_request_duration_seconds');
  settings.statusLabel = readLabel(config, 'statusLabel', 'code');
  settings.routeLabel = readLabel(config, 'routeLabel', 'route');
  settings.errorStatus = config.optionalString('errorStatus', '5..');
  settings.quantiles = readQuantiles(config);
  settings.objective = readObjective(config);
  settings.datasource = config.optionalString('datasource', '');
  settings.title = config.optionalString('title',
    settings.service + ': requests, errors, duration');
  return settings;
}

/** `selector` labels when given, else service="<service>"; then job="<job>" when given. */
function readSelector(config: Config, service: string): Selector {
  let selector = new Selector();
  const labels = config.optionalMapping('selector');
  if (labels == null) {
    selector = selector.equal('service', service);
  } else {
    const names = labels.keys();
    if (names.length == 0) {
      config.fail<void>('selector', 'must name at least one label');
    }
    for (let index = 0; index < names.length; index++) {
      if (!isLabelName(names[index])) {
        labels.fail<void>(names[index], 'is not a Prometheus label name');
      }
      selector = selector.equal(names[index], labels.requiredString(names[index]));
    }
  }
  if (config.has('job')) {
    selector = selector.equal('job', config.requiredString('job'));
  }
  return selector;
}

function readMetric(config: Config, key: string, fallback: string): string {
  const name = config.optionalString(key, fallback);
  if (!isMetricName(name)) {
    config.fail<void>(key, 'must be a Prometheus metric name, not "' + name + '"');
  }
  return name;
}

function readLabel(config: Config, key: string, fallback: string): string {
  const name = config.optionalString(key, fallback);
  if (!isLabelName(name)) {
    config.fail<void>(key, 'must be a Prometheus label name, not "' + name + '"');
  }
  return name;
}

function readQuantiles(config: Config): f64[] {
  const quantiles = config.optionalNumberList('quantiles', defaultQuantiles);
  if (quantiles.length == 0 || quantiles.length > maxQuantiles) {
    config.fail<void>('quantiles', 'must list 1 to ' + maxQuantiles.toString() + ' quantiles');
  }
  for (let index = 0; index < quantiles.length; index++) {
    if (!(quantiles[index] > 0 && quantiles[index] < 1)) {
      config.fail<void>('quantiles[' + index.toString() + ']', 'must be between 0 and 1 '
        + '(exclusive), e.g. 0.99 for p99, not ' + formatNumber(quantiles[index]));
    }
  }
  return quantiles;
}

function readObjective(config: Config): Objective | null {
  const slo = config.optionalMapping('slo');
  if (slo == null) {
    return null;
  }
  slo.rejectUnknown(knownSloFields);
  if (!slo.has('availability')) {
    return slo.fail<Objective | null>('availability', 'is required');
  }
  const availability = readRatio(slo, 'availability', 0.999);
  const latencyTarget = readRatio(slo, 'latencyTarget', 0.99);
  return new Objective(availability, slo.optionalString('latencyBucket', ''), latencyTarget);
}

function readRatio(config: Config, key: string, fallback: f64): f64 {
  const ratio = config.optionalNumber(key, fallback);
  if (!(ratio > 0 && ratio < 1)) {
    config.fail<void>(key, 'must be between 0 and 1 (exclusive), e.g. 0.999, not '
      + formatNumber(ratio));
  }
  return ratio;
}

/** `99.9` for 0.999, without the float noise of 0.999 * 100. */
function percent(ratio: f64): string {
  return formatNumber(Math.round(ratio * 1e10) / 1e8);
}

/** `p99`, `p99.9`: a quantile as people name it. */
function quantileName(quantile: f64): string {
  return 'p' + formatNumber(Math.round(quantile * 1e6) / 1e4);
}

/** The PromQL of one service: rates of all requests, of errors, and histogram quantiles. */
class Queries {
  constructor(private settings: Settings) {}

  /** `by` is a label to group by, or '' for one total. */
  requests(selector: Selector, by: string): string {
    const sum = by.length == 0 ? 'sum(' : 'sum by (' + by + ') (';
    return sum + 'rate(' + this.settings.requestsMetric + selector.toString()
      + '[$__rate_interval]))';
  }

  errors(selector: Selector, by: string): string {
    return this.requests(
      selector.with(this.settings.statusLabel, '=~', this.settings.errorStatus), by);
  }

  errorRatio(selector: Selector, by: string): string {
    return this.errors(selector, by) + ' / ' + this.requests(selector, by);
  }

  quantile(quantile: f64, selector: Selector, by: string): string {
    const labels = by.length == 0 ? 'le' : 'le, ' + by;
    return 'histogram_quantile(' + formatNumber(quantile) + ', sum by (' + labels + ') (rate('
      + this.settings.durationMetric + '_bucket' + selector.toString() + '[$__rate_interval])))';
  }

  meanDuration(selector: Selector): string {
    const metric = this.settings.durationMetric;
    return 'sum(rate(' + metric + '_sum' + selector.toString() + '[$__rate_interval])) / '
      + 'sum(rate(' + metric + '_count' + selector.toString() + '[$__rate_interval]))';
  }

  fasterThan(bucket: string, selector: Selector): string {
    const metric = this.settings.durationMetric;
    return 'sum(rate(' + metric + '_bucket' + selector.equal('le', bucket).toString()
      + '[$__rate_interval])) / sum(rate(' + metric + '_count' + selector.toString()
      + '[$__rate_interval]))';
  }
}

function render(settings: Settings): string {
  const queries = new Queries(settings);
  const route = settings.routeLabel;
  const byRoute = settings.selector.with(route, '=~', '$route');

  const dashboard = new Dashboard(settings.title);
  dashboard.description = 'Request rate, errors and latency of ' + settings.service + ', from '
    + settings.requestsMetric + ' and ' + settings.durationMetric + '.';
  dashboard.tags = ['red', 'http', settings.service];
  dashboard.defaultDatasource = settings.datasource;
  const routes = new QueryVariable(route, 'Route', 'label_values('
    + settings.requestsMetric + settings.selector.toString() + ', ' + route + ')');
  routes.multi = true;
  routes.includeAll = true;
  routes.allValue = '.*';
  dashboard.addVariable(routes);

  addOverview(dashboard, settings, queries);
  addTraffic(dashboard, settings, queries, byRoute);
  addErrors(dashboard, settings, queries, byRoute);
  addLatency(dashboard, settings, queries, byRoute);
  return dashboard.toJson();
}

function addOverview(dashboard: Dashboard, settings: Settings, queries: Queries): void {
  const all = settings.selector;
  const slowest = settings.quantiles[settings.quantiles.length - 1];
  const objective = settings.objective;

  dashboard.addRow('Overview');
  dashboard.addPanel(Panel.stat('Request rate').withUnit('reqps')
    .addTarget(queries.requests(all, ''), ''));
  dashboard.addPanel(errorRatioThresholds(Panel.stat('Error ratio'), objective)
    .withUnit('percentunit').withDecimals(2).addTarget(queries.errorRatio(all, ''), ''));
  dashboard.addPanel(Panel.stat(quantileName(slowest) + ' latency').withUnit('s')
    .addTarget(queries.quantile(slowest, all, ''), ''));
  if (objective == null) {
    dashboard.addPanel(Panel.stat('Requests (24h)').withUnit('short')
      .addTarget('sum(increase(' + settings.requestsMetric + all.toString() + '[24h]))', ''));
    return;
  }
  const budget = formatNumber(objective.errorBudget());
  dashboard.addPanel(Panel.stat('Error budget burn rate').withUnit('none').withDecimals(1)
    .withDescription('Error ratio over the last hour divided by the error budget ('
      + budget + '). At 1 the budget lasts exactly the SLO window; at 14.4 2% of a 30-day '
      + 'budget is gone within the hour.')
    .withThreshold('green', 0).withThreshold('orange', 1).withThreshold('red', fastBurnRate)
    .addTarget('(' + queries.errorRatio(all, '').replaceAll('$__rate_interval', '1h') + ') / '
      + budget, ''));
}

function errorRatioThresholds(panel: Panel, objective: Objective | null): Panel {
  if (objective == null) {
    return panel.withThreshold('green', 0).withThreshold('orange', 0.01)
      .withThreshold('red', 0.05);
  }
  return panel.withThreshold('green', 0).withThreshold('red', objective.errorBudget());
}

function addTraffic(dashboard: Dashboard, settings: Settings, queries: Queries,
  byRoute: Selector): void {
  dashboard.addRow('Traffic');
  dashboard.addPanel(Panel.timeseries('Requests by route').withUnit('reqps').withRange(0, NaN)
    .withStacking().addTarget(queries.requests(byRoute, settings.routeLabel),
      '{{' + settings.routeLabel + '}}'));
  dashboard.addPanel(Panel.timeseries('Requests by status').withUnit('reqps').withRange(0, NaN)
    .withStacking().addTarget(queries.requests(byRoute, settings.statusLabel),
      '{{' + settings.statusLabel + '}}'));
}

function addErrors(dashboard: Dashboard, settings: Settings, queries: Queries,
  byRoute: Selector): void {
  const objective = settings.objective;
  const ratio = errorRatioThresholds(Panel.timeseries('Error ratio'), objective)
    .withUnit('percentunit').withRange(0, NaN).withThresholdLines()
    .withDescription('Share of requests whose ' + settings.statusLabel + ' matches '
      + settings.errorStatus + (objective == null ? '.'
        : '; the dashed line is the error budget of the '
          + percent(objective.availability) + '% availability objective.'))
    .addTarget(queries.errorRatio(settings.selector, ''), 'error ratio');

  dashboard.addRow('Errors');
  dashboard.addPanel(ratio);
  dashboard.addPanel(Panel.timeseries('Error ratio by route').withUnit('percentunit')
    .withRange(0, NaN)
    .addTarget(queries.errorRatio(byRoute, settings.routeLabel),
      '{{' + settings.routeLabel + '}}'));
}

function addLatency(dashboard: Dashboard, settings: Settings, queries: Queries,
  byRoute: Selector): void {
  const quantiles = Panel.timeseries('Latency').withUnit('s').withRange(0, NaN)
    .withDescription('Quantiles estimated from the ' + settings.durationMetric
      + ' histogram, and the mean.');
  for (let index = 0; index < settings.quantiles.length; index++) {
    const quantile = settings.quantiles[index];
    quantiles.addTarget(queries.quantile(quantile, settings.selector, ''),
      quantileName(quantile));
  }
  quantiles.addTarget(queries.meanDuration(settings.selector), 'mean');
  const slowest = settings.quantiles[settings.quantiles.length - 1];

  dashboard.addRow('Duration');
  dashboard.addPanel(quantiles);
  dashboard.addPanel(Panel.timeseries(quantileName(slowest) + ' latency by route').withUnit('s')
    .withRange(0, NaN)
    .addTarget(queries.quantile(slowest, byRoute, settings.routeLabel),
      '{{' + settings.routeLabel + '}}'));
  const objective = settings.objective;
  if (objective == null || objective.latencyBucket.length == 0) {
    return;
  }
  dashboard.addPanel(Panel.timeseries('Requests faster than ' + objective.latencyBucket + ' s',
    24, 7).withUnit('percentunit').withRange(NaN, 1)
    .withThreshold('red', 0).withThreshold('green', objective.latencyTarget).withThresholdLines()
    .withDescription('Share of requests in the le="' + objective.latencyBucket + '" bucket; '
      + 'the objective is ' + percent(objective.latencyTarget) + '%.')
    .addTarget(queries.fasterThan(objective.latencyBucket, settings.selector), 'fast enough'));
}

writeOutput(render(readSettings(readConfig())));
