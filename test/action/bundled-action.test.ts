import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { defaultCommentMarker } from '../../src/action/sticky-comment.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../emulator/grafana-emulator.js';
import { runAction, type ActionRunResult } from './action-runner.js';
import { buildEchoGenerator, echoManifest } from './echo-generator.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';

/**
 * The bundled Action, run as the runner runs it, against the Grafana emulator and a fake
 * GitHub API: one pull request planned twice (the comment is edited, not added), then the
 * merge applied, then planned again with nothing left to do.
 */

const githubToken = 'ghs_bundled-action-token-0123456789';
const repository = 'octo/dashboards';
const pullRequestNumber = 17;

function manifest(name: string, title: string): string {
  return echoManifest({ name, title, generator: 'file://../generators/echo.wasm' });
}

/** Line 6 is where spec starts; spec.generator is missing. */
const brokenManifest = `apiVersion: dawg.urcloud.cc/v1
kind: Dashboard
metadata:
  name: broken
  namespace: shop
spec:
  config: {title: Broken}
`;

let root: string;
let workspace: string;
let project: string;
let grafana: GrafanaEmulator;
let github: FakeGitHub;
let grafanaToken: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dawg-action-'));
  workspace = path.join(root, 'workspace');
  project = path.join(workspace, 'monitoring');
  await mkdir(path.join(project, 'generators'), { recursive: true });
  await mkdir(path.join(project, 'dashboards'), { recursive: true });
  await mkdir(path.join(root, 'runner'));
  const generator = await buildEchoGenerator();
  await writeFile(path.join(project, 'generators', 'echo.wasm'), generator);
  await writeFile(path.join(project, 'dashboards', 'shop.yaml'), [
    manifest('checkout', 'Checkout'),
    manifest('cart', 'Cart'),
  ].join('---\n'));
  await writeFile(path.join(project, 'dashboards', 'broken.yaml'), brokenManifest);

  grafana = await startGrafanaEmulator();
  grafanaToken = grafana.createToken({ role: 'Editor' });
  github = await startFakeGitHub({ token: githubToken });
});

afterAll(async () => {
  await github?.close();
  await grafana?.close();
  await rm(root, { recursive: true, force: true });
});

async function pullRequestEnv(): Promise<Record<string, string>> {
  const eventPath = path.join(root, 'runner', 'pull-request-event.json');
  await writeFile(eventPath, JSON.stringify({
    action: 'synchronize',
    number: pullRequestNumber,
    pull_request: { number: pullRequestNumber, head: { sha: 'abc123' } },
  }));
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: repository,
    GITHUB_API_URL: github.url,
    GITHUB_SHA: 'abc123',
  };
}

async function pushEnv(): Promise<Record<string, string>> {
  const eventPath = path.join(root, 'runner', 'push-event.json');
  await writeFile(eventPath, JSON.stringify({ ref: 'refs/heads/main', after: 'def456' }));
  return {
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: repository,
    GITHUB_API_URL: github.url,
    GITHUB_SHA: 'def456',
  };
}

function run(command: string, env: Record<string, string>, inputs: Record<string, string> = {}) {
  return runAction({
    workspace,
    runnerDir: path.join(root, 'runner'),
    env,
    inputs: {
      command,
      'working-directory': 'monitoring',
      'grafana-url': grafana.url,
      'grafana-token': grafanaToken,
      'github-token': githubToken,
      drift: 'fail',
      prune: 'false',
      'fail-on-changes': 'false',
      comment: 'true',
      ...inputs,
    },
  });
}

/** Every place a token could leak to, apart from the `::add-mask::` lines themselves. */
async function visibleText(result: ActionRunResult): Promise<string> {
  const stdout = result.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
  const files = await Promise.all(['report-path', 'plan-path']
    .map((name) => result.outputs[name])
    .filter((file): file is string => file !== undefined && file !== '')
    .map((file) => readFile(file, 'utf8')));
  const comments = github.comments.map((comment) => comment.body);
  return [...stdout, result.stderr, result.summary, JSON.stringify(result.outputs), ...files,
    ...comments].join('\n');
}

describe('the bundled Action', () => {
  let firstPlan: ActionRunResult;

  it('plans a pull request: outputs, summary, an annotation on the broken manifest, a comment',
    async () => {
      firstPlan = await run('diff', await pullRequestEnv());

      expect(firstPlan.exitCode, firstPlan.stdout + firstPlan.stderr).toBe(1);
      expect(firstPlan.outputs).toMatchObject({
        create: '2', update: '0', delete: '0', unchanged: '0', failed: '1',
      });
      expect(firstPlan.summary).toContain('DAWG plan');
      expect(firstPlan.summary).toContain('shop/checkout');
      const [annotation, ...others] = firstPlan.annotations
        .filter((command) => command.properties['file'] !== undefined);
      expect(others).toEqual([]);
      expect(annotation?.properties).toMatchObject({
        file: 'monitoring/dashboards/broken.yaml',
        line: '6',
        title: 'DAWG MANIFEST_INVALID',
      });
      expect(annotation?.message).toContain('spec.generator');
      const report = await readFile(firstPlan.outputs['report-path'] ?? '', 'utf8');
      expect(report).toContain('DAWG plan');
      const plan = JSON.parse(await readFile(firstPlan.outputs['plan-path'] ?? '', 'utf8')) as {
        counts: { create: number };
      };
      expect(plan.counts.create).toBe(2);
      expect(github.comments).toHaveLength(1);
      expect(github.comments[0]?.issueNumber).toBe(pullRequestNumber);
      expect(github.comments[0]?.body.startsWith(`${defaultCommentMarker}\n`)).toBe(true);
      expect(github.comments[0]?.body).toContain('shop/cart');
      expect(grafana.writes()).toEqual([]);
    });

  it('masks both tokens and prints neither anywhere else', async () => {
    expect(firstPlan.masked).toEqual(expect.arrayContaining([grafanaToken, githubToken]));
    const visible = await visibleText(firstPlan);

    expect(visible).not.toContain(grafanaToken);
    expect(visible).not.toContain(githubToken);
  });

  it('edits the same comment when the pull request is planned again', async () => {
    await rm(path.join(project, 'dashboards', 'broken.yaml'));
    const commentId = github.comments[0]?.id;
    const patchesBefore = github.requests.filter((request) => request.method === 'PATCH').length;

    const second = await run('diff', await pullRequestEnv());

    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(second.outputs).toMatchObject({ create: '2', failed: '0' });
    expect(second.annotations.filter((command) => command.properties['file'] !== undefined))
      .toEqual([]);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.id).toBe(commentId);
    expect(github.requests.filter((request) => request.method === 'PATCH'))
      .toHaveLength(patchesBefore + 1);
    expect(github.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('applies on a push without touching the pull request', async () => {
    const requestsBefore = github.requests.length;

    const applied = await run('apply', await pushEnv(), { prune: 'true' });

    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0);
    expect(applied.outputs).toMatchObject({ create: '2', failed: '0' });
    expect(applied.summary).toContain('DAWG apply');
    expect(grafana.dashboard('shop_checkout')?.dashboard['title']).toBe('Checkout');
    expect(grafana.dashboard('shop_cart')?.dashboard['title']).toBe('Cart');
    expect(github.requests).toHaveLength(requestsBefore);
  });

  it('finds nothing to do after the apply, and fails on changes only when asked', async () => {
    const settled = await run('diff', await pushEnv(), { 'fail-on-changes': 'true' });
    await writeFile(path.join(project, 'dashboards', 'shop.yaml'), [
      manifest('checkout', 'Checkout v2'),
      manifest('cart', 'Cart'),
    ].join('---\n'));
    const changed = await run('diff', await pushEnv(), { 'fail-on-changes': 'true' });

    expect(settled.exitCode, settled.stdout + settled.stderr).toBe(0);
    expect(settled.outputs).toMatchObject({ create: '0', update: '0', unchanged: '2' });
    expect(changed.exitCode).toBe(1);
    expect(changed.outputs).toMatchObject({ update: '1', unchanged: '1', failed: '0' });
    expect(changed.stdout).toContain('::error::Grafana differs from the rendered dashboards');
  });

  it('only warns when the pull request cannot be commented on, as with a fork\'s token',
    async () => {
      const commentsBefore = github.comments.map((comment) => comment.body);

      const result = await run('render', await pullRequestEnv(), {
        'github-token': 'ghs_read-only-fork-token',
      });

      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toMatch(/::warning::could not comment on the pull request: .*401/);
      expect(github.comments.map((comment) => comment.body)).toEqual(commentsBefore);
      expect(result.summary).toContain('DAWG render');
    });

  it('renders without Grafana and stops before anything runs on a bad input', async () => {
    const rendered = await run('render', await pushEnv(), { 'grafana-url': '' });
    const refused = await run('render', await pushEnv(), { drift: 'sometimes' });

    expect(rendered.exitCode, rendered.stdout + rendered.stderr).toBe(0);
    expect(rendered.outputs).toMatchObject({ failed: '0', 'plan-path': '' });
    const output = await readFile(path.join(project, 'out', 'shop', 'checkout.json'), 'utf8');
    expect(JSON.parse(output)).toMatchObject({ title: 'Checkout v2' });
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toMatch(/::error::.*input drift is "sometimes"/);
    expect(refused.outputs).toEqual({});
  });
});
