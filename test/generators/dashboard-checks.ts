/**
 * What every example generator's output must satisfy to import into Grafana 11/12 as it is:
 * a JSON object with a title, panels with unique ids laid out on the 24-column grid without
 * overlap, Prometheus queries through the `datasource` variable, and that variable declared.
 */

const gridColumns = 24;
const datasourceReference = '${datasource}';

interface GridBox {
  readonly id: unknown;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The problems found in `output`, one sentence each; empty when the dashboard is fine. */
export function findDashboardProblems(output: string): string[] {
  let dashboard: unknown;
  try {
    dashboard = JSON.parse(output);
  } catch (error) {
    return [`output is not JSON: ${String(error)}`];
  }
  if (!isRecord(dashboard)) {
    return ['output is not a JSON object'];
  }

  return [
    ...checkHeader(dashboard),
    ...checkPanels(dashboard['panels']),
    ...checkTemplating(dashboard['templating']),
  ];
}

function checkHeader(dashboard: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof dashboard['title'] !== 'string' || dashboard['title'].trim() === '') {
    problems.push('title is missing or empty');
  }
  const uid = dashboard['uid'];
  if (uid !== undefined && (typeof uid !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(uid))) {
    problems.push(`uid ${JSON.stringify(uid)} is not 1-40 characters of [A-Za-z0-9_-]`);
  }
  if (typeof dashboard['schemaVersion'] !== 'number' || dashboard['schemaVersion'] < 39) {
    problems.push('schemaVersion is below 39');
  }
  return problems;
}

function checkPanels(panels: unknown): string[] {
  if (!Array.isArray(panels) || panels.length === 0) {
    return ['panels is missing or empty'];
  }
  const problems: string[] = [];
  const ids = new Set<unknown>();
  const boxes: GridBox[] = [];
  for (const panel of panels) {
    if (!isRecord(panel)) {
      problems.push('a panel is not an object');
      continue;
    }
    if (typeof panel['id'] !== 'number' || ids.has(panel['id'])) {
      problems.push(`panel id ${JSON.stringify(panel['id'])} is missing or repeated`);
    }
    ids.add(panel['id']);
    problems.push(...checkGridPosition(panel, boxes), ...checkQueries(panel));
  }
  return [...problems, ...findOverlaps(boxes)];
}

function checkGridPosition(panel: Record<string, unknown>, boxes: GridBox[]): string[] {
  const position = panel['gridPos'];
  if (!isRecord(position)) {
    return [`panel ${String(panel['id'])} has no gridPos`];
  }
  const { x, y, w, h } = position;
  if (![x, y, w, h].every((value) => Number.isInteger(value))) {
    return [`panel ${String(panel['id'])} has a gridPos that is not four integers`];
  }
  const box = { id: panel['id'], x: x as number, y: y as number, w: w as number, h: h as number };
  boxes.push(box);
  if (box.x < 0 || box.y < 0 || box.w < 1 || box.h < 1 || box.x + box.w > gridColumns) {
    return [`panel ${String(panel['id'])} does not fit the 24-column grid`];
  }
  return [];
}

function checkQueries(panel: Record<string, unknown>): string[] {
  if (panel['type'] === 'row') {
    return [];
  }
  const problems: string[] = [];
  const name = `panel ${String(panel['id'])}`;
  if (!['timeseries', 'stat'].includes(String(panel['type']))) {
    problems.push(`${name} has type ${String(panel['type'])}`);
  }
  if (!usesDatasourceVariable(panel['datasource'])) {
    problems.push(`${name} does not query through \${datasource}`);
  }
  const targets = panel['targets'];
  if (!Array.isArray(targets) || targets.length === 0) {
    return [...problems, `${name} has no targets`];
  }
  const referenceIds = new Set<unknown>();
  for (const target of targets) {
    if (!isRecord(target) || typeof target['expr'] !== 'string' || target['expr'] === '') {
      problems.push(`${name} has a target without a PromQL expr`);
      continue;
    }
    if (!usesDatasourceVariable(target['datasource']) || referenceIds.has(target['refId'])) {
      problems.push(`${name} has a target without \${datasource} or with a repeated refId`);
    }
    referenceIds.add(target['refId']);
  }
  return problems;
}

function findOverlaps(boxes: readonly GridBox[]): string[] {
  const problems: string[] = [];
  for (const [index, first] of boxes.entries()) {
    for (const second of boxes.slice(index + 1)) {
      const apart = first.x + first.w <= second.x || second.x + second.w <= first.x
        || first.y + first.h <= second.y || second.y + second.h <= first.y;
      if (!apart) {
        problems.push(`panels ${String(first.id)} and ${String(second.id)} overlap`);
      }
    }
  }
  return problems;
}

function checkTemplating(templating: unknown): string[] {
  const list = isRecord(templating) ? templating['list'] : undefined;
  const variables = Array.isArray(list) ? list.filter(isRecord) : [];
  const datasource = variables.find((variable) => variable['name'] === 'datasource');
  if (datasource === undefined) {
    return ['templating has no datasource variable'];
  }
  if (datasource['type'] !== 'datasource' || datasource['query'] !== 'prometheus') {
    return ['the datasource variable is not of type datasource with query prometheus'];
  }
  return [];
}

function usesDatasourceVariable(datasource: unknown): boolean {
  return isRecord(datasource) && datasource['type'] === 'prometheus'
    && datasource['uid'] === datasourceReference;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
