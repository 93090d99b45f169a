import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isDawgError } from '../../src/errors.js';
import { createMemoryLogger } from '../../src/log.js';
import { sha256Digest } from '../../src/generator/digest.js';
import { parseLockFile } from '../../src/generator/lock-file.js';
import { createCredentialSource } from '../../src/generator/oci/credentials.js';
import { lockGenerators } from '../../src/generator/oci/lock-generators.js';
import { pushGenerator } from '../../src/generator/oci/push-generator.js';
import { parseOciReference } from '../../src/generator/oci/reference.js';
import { createOciResolver } from '../../src/generator/oci/resolver.js';
import { startRegistry, type TestRegistry } from '../registry/registry-harness.js';
import { tinyModule } from './test-content.js';

const credentials = createCredentialSource({ environment: {}, dockerConfigPath: '/nonexistent' });

let registry: TestRegistry;
let workDir: string;

beforeAll(async () => {
  registry = await startRegistry();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'dawg-oci-lock-'));
});

afterAll(async () => {
  await registry?.stop();
  await rm(workDir, { recursive: true, force: true });
});

async function push(repository: string, label: string): Promise<string> {
  const result = await pushGenerator({
    bytes: tinyModule(label),
    reference: parseOciReference(`${registry.host}/${repository}`),
    title: 'gen.wasm',
    credentials,
  });
  return result.manifestDigest;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('lockGenerators', () => {
  it('records the digest of every tagged reference and skips pinned ones', async () => {
    const digest = await push('lock/one:v1', 'lock-one');
    const lockFile = path.join(workDir, 'record', 'dawg-lock.json');
    const references = [
      parseOciReference(`${registry.host}/lock/one:v1`),
      parseOciReference(`${registry.host}/lock/one@${digest}`),
    ];

    const result = await lockGenerators({ references, lockFile, credentials,
      cacheDir: path.join(workDir, 'cache') });

    expect(result.outcomes).toEqual([
      { status: 'added', key: `${registry.host}/lock/one:v1`, digest },
    ]);
    const lock = parseLockFile(await readFile(lockFile, 'utf8'), lockFile);
    expect([...lock]).toEqual([[`${registry.host}/lock/one:v1`, { digest }]]);
  });

  it('leaves the file untouched when nothing changed, and drops unused entries', async () => {
    await push('lock/two:v1', 'lock-two');
    const lockFile = path.join(workDir, 'unchanged.json');
    const two = parseOciReference(`${registry.host}/lock/two:v1`);
    const stale = `${registry.host}/lock/gone:v1`;
    await lockGenerators({ references: [two], lockFile, credentials,
      cacheDir: path.join(workDir, 'cache') });

    const again = await lockGenerators({ references: [two], lockFile, credentials,
      cacheDir: path.join(workDir, 'cache') });
    const text = await readFile(lockFile, 'utf8');
    await writeFile(lockFile, text.replace('"generators": {',
      `"generators": {\n    "${stale}": { "digest": "sha256:${'0'.repeat(64)}" },`));
    const pruned = await lockGenerators({ references: [two], lockFile, credentials,
      cacheDir: path.join(workDir, 'cache') });

    expect(again.changed).toBe(false);
    expect(again.outcomes[0]?.status).toBe('unchanged');
    expect(pruned.removed).toEqual([stale]);
    expect(await readFile(lockFile, 'utf8')).toBe(text);
  });

  it('reports a tag that moved and keeps the old digest of a reference that fails', async () => {
    const first = await push('lock/moving:v1', 'moving-1');
    const brokenDigest = await push('lock/broken:v1', 'broken');
    const lockFile = path.join(workDir, 'moved.json');
    const moving = parseOciReference(`${registry.host}/lock/moving:v1`);
    const broken = parseOciReference(`${registry.host}/lock/broken:v1`);
    await lockGenerators({ references: [moving, broken], lockFile, credentials,
      cacheDir: path.join(workDir, 'cache') });
    const second = await push('lock/moving:v1', 'moving-2');
    const deleted = await fetch(
      `http://${registry.host}/v2/lock/broken/manifests/${brokenDigest}`, { method: 'DELETE' });
    expect(deleted.status).toBe(202);

    const result = await lockGenerators({ references: [moving, broken], lockFile, credentials,
      cacheDir: path.join(workDir, 'cache') });

    expect(result.outcomes[1]).toEqual({ status: 'moved', key: `${registry.host}/lock/moving:v1`,
      digest: second, previousDigest: first });
    expect(result.outcomes[0]?.status).toBe('failed');
    const lock = parseLockFile(await readFile(lockFile, 'utf8'), lockFile);
    expect(lock.get(`${registry.host}/lock/moving:v1`)?.digest).toBe(second);
    expect(lock.get(`${registry.host}/lock/broken:v1`)?.digest).toBe(brokenDigest);
  });
});

describe('rendering with a lock file', () => {
  it('pulls the locked digest and warns when the tag moved since', async () => {
    await push('render/moved:v1', 'render-old');
    const lockFile = path.join(workDir, 'render-moved.json');
    const reference = parseOciReference(`${registry.host}/render/moved:v1`);
    await lockGenerators({ references: [reference], lockFile, credentials,
      cacheDir: path.join(workDir, 'cache') });
    await push('render/moved:v1', 'render-new');
    const logger = createMemoryLogger();

    const resolved = await createOciResolver({ lockFile, credentials, logger,
      cacheDir: path.join(workDir, 'cache') }).resolve(reference);

    expect(resolved.digest).toBe(sha256Digest(tinyModule('render-old')));
    expect(logger.entries.some((entry) =>
      entry.level === 'warn' && entry.message.includes('moved since it was locked'))).toBe(true);
  });

  it('refuses a tag that moved when the lock is frozen', async () => {
    await push('render/frozen:v1', 'frozen-old');
    const lockFile = path.join(workDir, 'render-frozen.json');
    const reference = parseOciReference(`${registry.host}/render/frozen:v1`);
    await lockGenerators({ references: [reference], lockFile, credentials,
      cacheDir: path.join(workDir, 'cache') });
    await push('render/frozen:v1', 'frozen-new');

    const error = await caught(createOciResolver({ lockFile, frozenLock: true, credentials,
      cacheDir: path.join(workDir, 'cache') }).resolve(reference));

    expect(isDawgError(error) && error.code).toBe('LOCK_STALE');
    expect((error as Error).message).toContain('moved since it was locked');
  });

  it('refuses a reference missing from the lock, or a missing lock, when frozen', async () => {
    await push('render/unlocked:v1', 'unlocked');
    const reference = parseOciReference(`${registry.host}/render/unlocked:v1`);
    const emptyLock = path.join(workDir, 'empty-lock.json');
    await lockGenerators({ references: [], lockFile: emptyLock, credentials });

    const missingEntry = await caught(createOciResolver({ lockFile: emptyLock, frozenLock: true,
      credentials, cacheDir: path.join(workDir, 'cache') }).resolve(reference));
    const missingFile = await caught(createOciResolver({
      lockFile: path.join(workDir, 'absent.json'), frozenLock: true, credentials,
      cacheDir: path.join(workDir, 'cache'),
    }).resolve(reference));

    expect(isDawgError(missingEntry) && missingEntry.code).toBe('LOCK_STALE');
    expect((missingEntry as Error).message).toContain('is not in lock file');
    expect(isDawgError(missingFile) && missingFile.code).toBe('LOCK_STALE');
    expect((missingFile as Error).message).toContain('does not exist');
  });

  it('resolves an unlocked tag normally when the lock is not frozen', async () => {
    await push('render/free:v1', 'free');

    const resolved = await createOciResolver({ lockFile: path.join(workDir, 'absent.json'),
      credentials, cacheDir: path.join(workDir, 'cache') })
      .resolve(parseOciReference(`${registry.host}/render/free:v1`));

    expect(resolved.digest).toBe(sha256Digest(tinyModule('free')));
  });
});
