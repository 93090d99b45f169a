/**
 * How much config validation adds to a render: the first check of a schema (ajv compiles it)
 * and every later check of a manifest against the cached validator, valid and invalid.
 * Prints figures; run with: npx tsx test/config-validation/measure-validation.ts [--count N]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { parseManifests } from '../../src/manifest/parse-manifests.js';
import type { DashboardManifest } from '../../src/manifest/manifest.js';
import { validateConfig } from '../../src/manifest/validate-config.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' } } });
const count = Number(values.count);
const folder = new URL('./fixtures/', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('k8s-deployment.schema.json', folder), 'utf8'));

function manifestFrom(file: string): DashboardManifest {
  const [outcome] = parseManifests(readFileSync(new URL(file, folder), 'utf8'), file);
  if (outcome?.status !== 'parsed') {
    throw new Error(`${file} does not parse`);
  }
  return outcome.manifest;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function measure(label: string, manifest: DashboardManifest, schemaFor = () => schema): void {
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const checked = schemaFor();
    const started = performance.now();
    validateConfig(manifest, checked, 'k8s-deployment');
    samples.push(performance.now() - started);
  }
  const total = samples.reduce((sum, sample) => sum + sample, 0);
  console.log(`${label.padEnd(34)} median ${(median(samples) * 1000).toFixed(1)} µs, `
    + `${count} in ${total.toFixed(0)} ms`);
}

const valid = manifestFrom('valid.yaml');
const started = performance.now();
validateConfig(valid, schema, 'k8s-deployment');
console.log(`${'first check (compiles the schema)'.padEnd(34)} ${
  (performance.now() - started).toFixed(2)} ms`);

measure('valid mapping config', valid);
measure('invalid config (misspelt key)', manifestFrom('unknown-key-misspelt.yaml'));
measure('invalid block scalar config', manifestFrom('block-scalar-config.yaml'));
measure('equal schema, another object', valid, () => structuredClone(schema));
