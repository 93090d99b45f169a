// Grafana panels that query Prometheus through the dashboard's `datasource` variable:
// timeseries and stat panels, with their units, thresholds and series styles.
import { GridPosition } from './grid-layout';
import { JsonWriter } from './json-writer';

/** Every panel and query names its datasource through this variable. */
export const datasourceVariable = '${datasource}';

/** One PromQL query of a panel. */
export class Target {
  constructor(public expr: string, public legendFormat: string) {}
}

/** A threshold step: from `value` on, the panel uses `color`. The first step has no value. */
export class Threshold {
  constructor(public color: string, public value: f64) {}
}

/** A series drawn differently from the others: a limit as a dashed red line, say. */
export class SeriesStyle {
  constructor(public seriesName: string, public color: string, public dashed: bool) {}
}

/**
 * A timeseries or stat panel. Create it with Panel.timeseries or Panel.stat, set what it needs
 * with the chained setters, and add it to a Dashboard, which places it and numbers it.
 */
export class Panel {
  description: string = '';
  unit: string = '';
  /** NaN leaves the axis or gauge minimum to Grafana. */
  min: f64 = NaN;
  max: f64 = NaN;
  /** -1 leaves the number of decimals to Grafana. */
  decimals: i32 = -1;
  axisLabel: string = '';
  stacked: bool = false;
  /** Draws the thresholds on a timeseries as dashed lines. */
  showThresholds: bool = false;
  thresholds: Threshold[] = [];
  seriesStyles: SeriesStyle[] = [];
  targets: Target[] = [];

  constructor(public type: string, public title: string, public width: i32,
    public height: i32) {}

  /** A line chart, half the dashboard wide by default. */
  static timeseries(title: string, width: i32 = 12, height: i32 = 8): Panel {
    return new Panel('timeseries', title, width, height);
  }

  /** A single big number with a sparkline, a quarter of the dashboard wide by default. */
  static stat(title: string, width: i32 = 6, height: i32 = 4): Panel {
    return new Panel('stat', title, width, height);
  }

  /** A Grafana unit id: `percentunit`, `bytes`, `s`, `reqps`, `short`, ... */
  withUnit(unit: string): Panel {
    this.unit = unit;
    return this;
  }

  withDescription(description: string): Panel {
    this.description = description;
    return this;
  }

  withRange(min: f64, max: f64): Panel {
    this.min = min;
    this.max = max;
    return this;
  }

  withDecimals(decimals: i32): Panel {
    this.decimals = decimals;
    return this;
  }

  withAxisLabel(label: string): Panel {
    this.axisLabel = label;
    return this;
  }

  withStacking(): Panel {
    this.stacked = true;
    return this;
  }

  /** Adds a threshold step; the first one added is the base colour (its value is ignored). */
  withThreshold(color: string, value: f64): Panel {
    this.thresholds.push(new Threshold(color, value));
    return this;
  }

  withThresholdLines(): Panel {
    this.showThresholds = true;
    return this;
  }

  withSeriesStyle(seriesName: string, color: string, dashed: bool): Panel {
    this.seriesStyles.push(new SeriesStyle(seriesName, color, dashed));
    return this;
  }

  addTarget(expr: string, legendFormat: string): Panel {
    this.targets.push(new Target(expr, legendFormat));
    return this;
  }
}

/** Writes `panel` as Grafana panel JSON, keys in alphabetical order as Grafana exports them. */
export function writePanel(json: JsonWriter, panel: Panel, id: i32, position: GridPosition): void {
  json.beginObject();
  writeDatasource(json.key('datasource'));
  if (panel.description.length > 0) {
    json.stringField('description', panel.description);
  }
  writeFieldConfig(json.key('fieldConfig'), panel);
  writeGridPosition(json.key('gridPos'), position);
  json.numberField('id', id);
  if (panel.type == 'stat') {
    writeStatOptions(json.key('options'));
  } else {
    writeTimeseriesOptions(json.key('options'));
  }
  json.key('targets').beginArray();
  for (let index = 0; index < panel.targets.length; index++) {
    writeTarget(json, panel.targets[index], index);
  }
  json.endArray();
  json.stringField('title', panel.title).stringField('type', panel.type).endObject();
}

/** Writes a row header: rows are panels of type "row" that hold no panels when expanded. */
export function writeRow(json: JsonWriter, title: string, id: i32, position: GridPosition): void {
  json.beginObject().booleanField('collapsed', false);
  writeGridPosition(json.key('gridPos'), position);
  json.numberField('id', id).emptyArrayField('panels').stringField('title', title)
    .stringField('type', 'row').endObject();
}

/** `{"type":"prometheus","uid":"${datasource}"}`. */
export function writeDatasource(json: JsonWriter): void {
  json.beginObject().stringField('type', 'prometheus').stringField('uid', datasourceVariable)
    .endObject();
}

function writeGridPosition(json: JsonWriter, position: GridPosition): void {
  json.beginObject().numberField('h', position.h).numberField('w', position.w)
    .numberField('x', position.x).numberField('y', position.y).endObject();
}

function writeFieldConfig(json: JsonWriter, panel: Panel): void {
  json.beginObject().key('defaults').beginObject();
  json.key('color').beginObject()
    .stringField('mode', panel.type == 'stat' ? 'thresholds' : 'palette-classic').endObject();
  if (panel.type == 'timeseries') {
    writeTimeseriesStyle(json.key('custom'), panel);
  }
  if (panel.decimals >= 0) {
    json.numberField('decimals', panel.decimals);
  }
  if (!isNaN(panel.max)) {
    json.numberField('max', panel.max);
  }
  if (!isNaN(panel.min)) {
    json.numberField('min', panel.min);
  }
  writeThresholds(json.key('thresholds'), panel.thresholds);
  json.stringField('unit', panel.unit.length > 0 ? panel.unit : 'short').endObject();
  json.key('overrides').beginArray();
  for (let index = 0; index < panel.seriesStyles.length; index++) {
    writeSeriesStyle(json, panel.seriesStyles[index]);
  }
  json.endArray().endObject();
}

function writeTimeseriesStyle(json: JsonWriter, panel: Panel): void {
  json.beginObject()
    .stringField('axisLabel', panel.axisLabel)
    .stringField('drawStyle', 'line')
    .numberField('fillOpacity', panel.stacked ? 30 : 10)
    .numberField('lineWidth', 1)
    .stringField('showPoints', 'never')
    .booleanField('spanNulls', false);
  json.key('stacking').beginObject().stringField('group', 'A')
    .stringField('mode', panel.stacked ? 'normal' : 'none').endObject();
  json.key('thresholdsStyle').beginObject()
    .stringField('mode', panel.showThresholds ? 'dashed' : 'off').endObject();
  json.endObject();
}

function writeThresholds(json: JsonWriter, thresholds: Threshold[]): void {
  json.beginObject().stringField('mode', 'absolute').key('steps').beginArray();
  if (thresholds.length == 0) {
    json.beginObject().stringField('color', 'green').key('value').null().endObject();
  }
  for (let index = 0; index < thresholds.length; index++) {
    json.beginObject().stringField('color', thresholds[index].color).key('value');
    if (index == 0) {
      json.null();
    } else {
      json.number(thresholds[index].value);
    }
    json.endObject();
  }
  json.endArray().endObject();
}

function writeSeriesStyle(json: JsonWriter, style: SeriesStyle): void {
  json.beginObject().key('matcher').beginObject().stringField('id', 'byName')
    .stringField('options', style.seriesName).endObject();
  json.key('properties').beginArray();
  json.beginObject().stringField('id', 'color').key('value').beginObject()
    .stringField('fixedColor', style.color).stringField('mode', 'fixed').endObject().endObject();
  if (style.dashed) {
    json.beginObject().stringField('id', 'custom.lineStyle').key('value').beginObject()
      .key('dash').beginArray().number(10).number(10).endArray()
      .stringField('fill', 'dash').endObject().endObject();
    json.beginObject().stringField('id', 'custom.fillOpacity').numberField('value', 0)
      .endObject();
  }
  json.endArray().endObject();
}

function writeStatOptions(json: JsonWriter): void {
  json.beginObject()
    .stringField('colorMode', 'value')
    .stringField('graphMode', 'area')
    .stringField('justifyMode', 'auto')
    .stringField('orientation', 'auto');
  json.key('reduceOptions').beginObject().key('calcs').beginArray().string('lastNotNull')
    .endArray().stringField('fields', '').booleanField('values', false).endObject();
  json.stringField('textMode', 'auto').endObject();
}

function writeTimeseriesOptions(json: JsonWriter): void {
  json.beginObject().key('legend').beginObject().emptyArrayField('calcs')
    .stringField('displayMode', 'list').stringField('placement', 'bottom')
    .booleanField('showLegend', true).endObject();
  json.key('tooltip').beginObject().stringField('mode', 'multi').stringField('sort', 'desc')
    .endObject().endObject();
}

function writeTarget(json: JsonWriter, target: Target, index: i32): void {
  json.beginObject();
  writeDatasource(json.key('datasource'));
  json.stringField('editorMode', 'code')
    .stringField('expr', target.expr)
    .stringField('legendFormat', target.legendFormat)
    .booleanField('range', true)
    .stringField('refId', referenceId(index))
    .endObject();
}

/** A, B, ... Z, then R26, R27, ...: unique within a panel. */
function referenceId(index: i32): string {
  return index < 26 ? String.fromCharCode(0x41 + index) : 'R' + index.toString();
}
