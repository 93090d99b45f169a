// A whole Grafana dashboard: panels laid out on the grid and numbered, a `datasource`
// variable plus query variables, and the settings Grafana 11 and 12 import as they are.
import { GridLayout, GridPosition } from './grid-layout';
import { JsonWriter } from './json-writer';
import { Panel, writeDatasource, writePanel, writeRow } from './panel';

/** The dashboard JSON schema version written; Grafana 11.4+ and 12 use 41 unchanged. */
export const schemaVersion = 41;

/** A variable whose values come from a PromQL query such as `label_values(up, job)`. */
export class QueryVariable {
  multi: bool = false;
  includeAll: bool = false;
  /** What "All" stands for; empty lets Grafana list every value. */
  allValue: string = '';

  constructor(public name: string, public label: string, public query: string) {}
}

class Placed {
  constructor(public panel: Panel | null, public rowTitle: string,
    public position: GridPosition) {}
}

/**
 * Builds a dashboard: add rows and panels in reading order, then call toJson. Panels get ids
 * 1, 2, 3... in that order and never overlap.
 */
export class Dashboard {
  /** Empty lets DAWG derive a stable uid from the manifest's namespace and name. */
  uid: string = '';
  description: string = '';
  tags: string[] = [];
  refresh: string = '30s';
  timeFrom: string = 'now-6h';
  /** The datasource the `datasource` variable selects at first; empty for Grafana's default. */
  defaultDatasource: string = '';
  variables: QueryVariable[] = [];
  private placed: Placed[] = [];
  private layout: GridLayout = new GridLayout();

  constructor(public title: string) {}

  /** Starts a new row of panels under a header. */
  addRow(title: string): void {
    this.placed.push(new Placed(null, title, this.layout.placeRow()));
  }

  /** Places `panel` after the previous one, on a new line when it does not fit. */
  addPanel(panel: Panel): void {
    this.placed.push(new Placed(panel, '', this.layout.place(panel.width, panel.height)));
  }

  /** Adds a query variable, listed after `datasource` in the order added. */
  addVariable(variable: QueryVariable): void {
    this.variables.push(variable);
  }

  toJson(): string {
    const json = new JsonWriter();
    json.beginObject();
    writeAnnotations(json.key('annotations'));
    if (this.description.length > 0) {
      json.stringField('description', this.description);
    }
    json.booleanField('editable', true).numberField('fiscalYearStartMonth', 0)
      .numberField('graphTooltip', 1).emptyArrayField('links');
    this.writePanels(json.key('panels'));
    json.stringField('refresh', this.refresh).numberField('schemaVersion', schemaVersion);
    json.key('tags').beginArray();
    for (let index = 0; index < this.tags.length; index++) {
      json.string(this.tags[index]);
    }
    json.endArray();
    this.writeTemplating(json.key('templating'));
    json.key('time').beginObject().stringField('from', this.timeFrom).stringField('to', 'now')
      .endObject();
    json.emptyObjectField('timepicker').stringField('timezone', 'browser')
      .stringField('title', this.title);
    if (this.uid.length > 0) {
      json.stringField('uid', this.uid);
    }
    return json.endObject().toString();
  }

  private writePanels(json: JsonWriter): void {
    json.beginArray();
    for (let index = 0; index < this.placed.length; index++) {
      const item = this.placed[index];
      const panel = item.panel;
      if (panel == null) {
        writeRow(json, item.rowTitle, index + 1, item.position);
      } else {
        writePanel(json, panel, index + 1, item.position);
      }
    }
    json.endArray();
  }

  private writeTemplating(json: JsonWriter): void {
    json.beginObject().key('list').beginArray();
    writeDatasourceVariable(json, this.defaultDatasource);
    for (let index = 0; index < this.variables.length; index++) {
      writeQueryVariable(json, this.variables[index]);
    }
    json.endArray().endObject();
  }
}

/** Grafana's built-in annotation query, which it adds to every dashboard it saves. */
function writeAnnotations(json: JsonWriter): void {
  json.beginObject().key('list').beginArray().beginObject()
    .numberField('builtIn', 1);
  json.key('datasource').beginObject().stringField('type', 'grafana')
    .stringField('uid', '-- Grafana --').endObject();
  json.booleanField('enable', true).booleanField('hide', true)
    .stringField('iconColor', 'rgba(0, 211, 255, 1)')
    .stringField('name', 'Annotations & Alerts').stringField('type', 'dashboard')
    .endObject().endArray().endObject();
}

function writeDatasourceVariable(json: JsonWriter, defaultDatasource: string): void {
  json.beginObject().key('current').beginObject();
  if (defaultDatasource.length > 0) {
    json.stringField('text', defaultDatasource).stringField('value', defaultDatasource);
  }
  json.endObject()
    .numberField('hide', 0).booleanField('includeAll', false).stringField('label', 'Data source')
    .booleanField('multi', false).stringField('name', 'datasource').emptyArrayField('options')
    .stringField('query', 'prometheus').numberField('refresh', 1).stringField('regex', '')
    .stringField('type', 'datasource').endObject();
}

function writeQueryVariable(json: JsonWriter, variable: QueryVariable): void {
  json.beginObject();
  if (variable.allValue.length > 0) {
    json.stringField('allValue', variable.allValue);
  }
  json.emptyObjectField('current');
  writeDatasource(json.key('datasource'));
  json.stringField('definition', variable.query)
    .numberField('hide', 0)
    .booleanField('includeAll', variable.includeAll)
    .stringField('label', variable.label)
    .booleanField('multi', variable.multi)
    .stringField('name', variable.name)
    .emptyArrayField('options')
    .stringField('query', variable.query)
    .numberField('refresh', 2)
    .stringField('regex', '')
    .numberField('sort', 1)
    .stringField('type', 'query')
    .endObject();
}

