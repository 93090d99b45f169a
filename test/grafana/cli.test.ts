import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { assembleWat, echoCommandWat } from '../runtime/wat-fixtures.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../emulator/grafana-emulator.js';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(repository, 'node_modules', '.bin', 'tsx');
const entry = fileURLToPath(new URL('dawg-cli.ts', import.meta.url));

interface Run {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** One project folder and one emulator per test, so that order does not matter. */
interface Project {
  readonly cwd: string;
  readonly grafana: GrafanaEmulator;
  readonly token: string;
  dawg(args: readonly string[], env?: Readonly<Record<string, string>>): Promise<Run>;
}

const projects: Project[] = [];
let generator: Uint8Array;

beforeAll(async () => {
  generator = await assembleWat('echo', echoCommandWat('Checkout'));
});

afterAll(async () => {
  for (const project of projects.splice(0)) {
    await project.grafana.close();
    await rm(project.cwd, { recursive: true, force: true });
  }
});

async function project(manifests: Record<string, string>): Promise<Project> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'dawg-cli-'));
  await writeFile(path.join(cwd, 'echo.wasm'), generator);
  for (const [file, text] of Object.entries(manifests)) {
    await writeFile(path.join(cwd, file), text);
  }
  const grafana = await startGrafanaEmulator();
  const token = grafana.createToken({ orgId: 1, role: 'Editor' });

  const created: Project = {
    cwd,
    grafana,
    token,
    dawg: (args, env = {}) => run(args, {
      cwd,
      env: { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: token, DAWG_SOURCE: 'test/cli', ...env },
    }),
  };
  projects.push(created);
  return created;
}

/** Settings the test's own environment might carry (in CI) that would change what DAWG does. */
const inheritedSettings = [
  'CI',
  'GITHUB_REPOSITORY',
  'GITHUB_SHA',
  'DAWG_SOURCE',
  'GRAFANA_URL',
  'GRAFANA_TOKEN',
  'GRAFANA_USER',
  'GRAFANA_PASSWORD',
];

function run(
  args: readonly string[],
  options: { readonly cwd: string; readonly env: Readonly<Record<string, string>> },
): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  for (const name of inheritedSettings) {
    delete env[name];
  }
  Object.assign(env, options.env);
  return new Promise((resolve) => {
    execFile(tsx, [entry, ...args], { cwd: options.cwd, env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ exitCode: code, stdout, stderr });
    });
  });
}

function manifest(name: string, options: { folder?: string; panels?: number } = {}): string {
  return [
    'apiVersion: dawg.urcloud.cc/v1',
    'kind: Dashboard',
    `metadata: {name: ${name}, namespace: shop}`,
    'spec:',
    '  generator: file://echo.wasm',
    `  config: {panels: ${options.panels ?? 1}}`,
    ...(options.folder === undefined ? [] : [`  folder: ${options.folder}`]),
    '',
  ].join('\n');
}

describe('dawg diff and dawg apply', () => {
  it('diff shows pending creates, exits 2 with --exit-code and writes nothing', async () => {
    const { dawg, grafana } = await project({
      'checkout.yaml': manifest('checkout', { folder: 'Team/Payments' }),
    });

    const result = await dawg(['diff', '--exit-code']);

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('+ folder    Team/Payments');
    expect(result.stdout).toMatch(/\+ create\s+shop\/checkout/);
    expect(grafana.writes()).toEqual([]);
  });

  it('apply writes the plan; then diff finds nothing and apply writes nothing', async () => {
    const { dawg, grafana } = await project({
      'checkout.yaml': manifest('checkout', { folder: 'Team' }),
      'cart.yaml': manifest('cart'),
    });

    const applied = await dawg(['apply']);
    const versions = [grafana.dashboard('shop_checkout')?.version];
    grafana.clearRequests();
    const diffed = await dawg(['diff', '--exit-code']);
    const again = await dawg(['apply']);

    expect(applied.exitCode).toBe(0);
    expect(applied.stdout).toMatch(/\+ create\s+shop\/cart .*→ done \(version 1\)/);
    expect(diffed.exitCode).toBe(0);
    expect(again.exitCode).toBe(0);
    expect(grafana.writes()).toEqual([]);
    expect([grafana.dashboard('shop_checkout')?.version]).toEqual(versions);
  });

  it('apply --dry-run reports the plan and writes nothing', async () => {
    const { dawg, grafana } = await project({ 'cart.yaml': manifest('cart') });

    const result = await dawg(['apply', '--dry-run']);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('dry run: nothing written');
    expect(grafana.writes()).toEqual([]);
  });

  it('prints the JSON report and writes the Markdown report to a file', async () => {
    const { dawg, cwd } = await project({ 'cart.yaml': manifest('cart') });

    const result = await dawg(['diff', '--format', 'json', '--report-markdown', 'plan.md']);

    const json = JSON.parse(result.stdout) as { pendingChanges: boolean; counts: object };
    expect(json).toMatchObject({ pendingChanges: true, counts: { create: 1 } });
    expect(await readFile(path.join(cwd, 'plan.md'), 'utf8')).toContain('<details>');
  });

  it('fails apply on drift by default while diff calls it pending', async () => {
    const { dawg, grafana } = await project({ 'cart.yaml': manifest('cart') });
    await dawg(['apply']);
    const stored = grafana.dashboard('shop_cart');
    const { __dawg: _marker, ...uiSaved } = stored?.dashboard ?? {};
    grafana.seedDashboard({ dashboard: { ...uiSaved, title: 'Edited in the UI' } });
    grafana.clearRequests();

    const diffed = await dawg(['diff', '--exit-code']);
    const applied = await dawg(['apply']);

    expect(diffed.exitCode).toBe(2);
    expect(applied.exitCode).toBe(1);
    expect(applied.stdout).toMatch(/! drift\s+shop\/cart/);
    expect(applied.stderr).toContain('changed in Grafana since DAWG last applied it');
    expect(grafana.writes()).toEqual([]);
  });

  it('exits 1 on a bad token and never prints it, even with -v', async () => {
    const { dawg } = await project({ 'cart.yaml': manifest('cart') });

    const result = await dawg(['diff', '-v'], { GRAFANA_TOKEN: 'glsa_not_a_real_token' });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('401 Invalid API key');
    expect(`${result.stdout}${result.stderr}`).not.toContain('glsa_not_a_real_token');
  });

  it('refuses --prune for a run limited to some paths, before any request', async () => {
    const { dawg, grafana } = await project({ 'cart.yaml': manifest('cart') });

    const result = await dawg(['apply', '--prune', 'cart.yaml']);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('--prune needs the whole project');
    expect(grafana.requests).toEqual([]);
  });
});
