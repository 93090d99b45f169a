import type { NormalisedDashboard } from '../grafana/normalise.js';
import { plural } from './run-report.js';

/**
 * A new dashboard in one line instead of thousands of `+` lines: its panels (rows counted
 * apart), variables, tags and refresh.
 */
export function summariseDashboard(content: NormalisedDashboard): string {
  const { panels, rows } = countPanels(content['panels']);
  const variables = listLength(readObject(content['templating'])?.['list']);
  const tags = Array.isArray(content['tags']) ? content['tags'].map(String) : [];
  const parts = [plural(panels, 'panel')];

  if (rows > 0) {
    parts.push(plural(rows, 'row'));
  }
  parts.push(plural(variables, 'variable'));
  if (tags.length > 0) {
    parts.push(`tags ${tags.join(', ')}`);
  }
  if (typeof content['refresh'] === 'string' && content['refresh'] !== '') {
    parts.push(`refresh ${content['refresh']}`);
  }
  return parts.join(', ');
}

function countPanels(value: unknown): { panels: number; rows: number } {
  let panels = 0;
  let rows = 0;
  for (const panel of Array.isArray(value) ? value : []) {
    const object = readObject(panel);
    if (object?.['type'] === 'row') {
      rows += 1;
      panels += listLength(object['panels']);
    } else {
      panels += 1;
    }
  }
  return { panels, rows };
}

function readObject(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? value as Readonly<Record<string, unknown>>
    : undefined;
}

function listLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}
