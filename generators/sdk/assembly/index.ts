// The DAWG generator SDK for AssemblyScript: read the config, check its fields, build a
// dashboard, write it out. A generator is a WASI command:
//
//     import { Dashboard, Panel, readConfig, writeOutput } from '../../sdk/assembly';
//
//     const config = readConfig();
//     const dashboard = new Dashboard(config.requiredString('service'));
//     dashboard.addPanel(Panel.stat('Up').addTarget('up', ''));
//     writeOutput(dashboard.toJson());
//
// docs/generators.md describes every export.
export { ConfigValue, ValueKind } from './config-value';
export { Config, parseConfig, readConfig } from './config';
export { parseJson } from './parse-json';
export { parseYaml } from './parse-yaml';
export { JsonWriter, formatNumber, quoteJson } from './json-writer';
export { GridLayout, GridPosition, gridColumns } from './grid-layout';
export { Panel, SeriesStyle, Target, Threshold, datasourceVariable } from './panel';
export { Dashboard, QueryVariable, schemaVersion } from './dashboard';
export { Selector, escapeRegex, isLabelName, isMetricName, quotePromql } from './promql';
export { writeConfigValue } from './write-config-value';
export { fail, readInput, writeOutput } from './stdio';
