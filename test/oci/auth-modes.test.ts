import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isDawgError } from '../../src/errors.js';
import { createMemoryLogger } from '../../src/log.js';
import { environmentHostName } from '../../src/generator/oci/environment-credentials.js';
import { pushGenerator } from '../../src/generator/oci/push-generator.js';
import { parseOciReference } from '../../src/generator/oci/reference.js';
import { createOciResolver, type OciResolverOptions } from '../../src/generator/oci/resolver.js';
import {
  startRegistry,
  type RegistryAuthMode,
  type TestRegistry,
} from '../registry/registry-harness.js';
import { tinyModule } from './test-content.js';

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'dawg-auth-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function environmentFor(registry: TestRegistry, password = registry.password) {
  const prefix = `DAWG_REGISTRY_${environmentHostName(registry.host)}`;
  return { [`${prefix}_USERNAME`]: registry.username, [`${prefix}_PASSWORD`]: password };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

async function writeDockerConfig(name: string, config: object): Promise<string> {
  const file = path.join(workDir, name, 'config.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(config));
  return file;
}

function baseOptions(extra: OciResolverOptions = {}): OciResolverOptions {
  return {
    dockerConfigPath: path.join(workDir, 'no-config.json'),
    environment: {},
    ...extra,
  };
}

describe.each<RegistryAuthMode>(['anonymous', 'basic', 'bearer'])('a %s registry', (mode) => {
  let registry: TestRegistry;

  beforeAll(async () => {
    registry = await startRegistry({ auth: mode });
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('takes a push and gives the same module back, credentials from the environment',
    async () => {
      const module = tinyModule(`auth-${mode}`);
      const reference = parseOciReference(`${registry.host}/auth/gen:v1`);
      const environment = environmentFor(registry);
      const cacheDir = path.join(workDir, `cache-${mode}`);
      await pushGenerator({ ...baseOptions({ environment }), bytes: module, reference,
        title: 'gen.wasm' });

      const resolved = await createOciResolver(baseOptions({ environment, cacheDir }))
        .resolve(reference);

      expect(resolved.bytes).toEqual(module);
      expect(resolved.resolvedFrom).toBe('registry');
    });
});

describe('credentials against an htpasswd (Basic) registry', () => {
  let registry: TestRegistry;
  const module = tinyModule('basic-credentials');
  let reference: ReturnType<typeof parseOciReference>;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'basic' });
    reference = parseOciReference(`${registry.host}/basic/gen:v1`);
    await pushGenerator({ ...baseOptions({ environment: environmentFor(registry) }),
      bytes: module, reference, title: 'gen.wasm' });
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('reads auths from the Docker config named by dockerConfigPath', async () => {
    const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
    const dockerConfigPath = await writeDockerConfig('auths', {
      auths: { [registry.host]: { auth } },
    });

    const resolved = await createOciResolver({ ...baseOptions(), dockerConfigPath,
      cacheDir: path.join(workDir, 'cache-auths') }).resolve(reference);

    expect(resolved.bytes).toEqual(module);
  });

  it('asks the credential helper named in credHelpers', async () => {
    const helperDir = path.join(workDir, 'helpers');
    await mkdir(helperDir, { recursive: true });
    const helper = path.join(helperDir, 'docker-credential-dawgtest');
    await writeFile(helper, `#!/bin/sh
read server
if [ "$server" = "${registry.host}" ]; then
  printf '{"ServerURL":"%s","Username":"%s","Secret":"%s"}' \\
    "$server" "${registry.username}" "${registry.password}"
else
  echo "credentials not found in native keychain"; exit 1
fi
`);
    await chmod(helper, 0o755);
    const dockerConfigPath = await writeDockerConfig('helpers', {
      credHelpers: { [registry.host]: 'dawgtest' },
    });
    const environment = { PATH: `${helperDir}${path.delimiter}${process.env['PATH'] ?? ''}` };

    const resolved = await createOciResolver({ ...baseOptions({ environment }), dockerConfigPath,
      cacheDir: path.join(workDir, 'cache-helper') }).resolve(reference);

    expect(resolved.bytes).toEqual(module);
  });

  it('fails with REGISTRY_AUTH when no credentials are found', async () => {
    const error = await caught(createOciResolver({ ...baseOptions(),
      cacheDir: path.join(workDir, 'cache-none') }).resolve(reference));

    expect(isDawgError(error) && error.code).toBe('REGISTRY_AUTH');
    expect((error as Error).message).toContain('requires credentials');
    expect((error as Error).message).toContain(`oci://${registry.host}/basic/gen:v1`);
  });

  it('fails with REGISTRY_AUTH on a wrong password and never shows it', async () => {
    const logger = createMemoryLogger();
    const wrongPassword = 'wrong-pass-7f3e9';
    const environment = environmentFor(registry, wrongPassword);

    const error = await caught(createOciResolver({ ...baseOptions({ environment }), logger,
      cacheDir: path.join(workDir, 'cache-wrong') }).resolve(reference));

    expect(isDawgError(error) && error.code).toBe('REGISTRY_AUTH');
    const shown = [(error as Error).message, String(isDawgError(error) && error.hint),
      JSON.stringify(logger.entries)].join('\n');
    expect(shown).toContain('DAWG_REGISTRY_');
    expect(shown).not.toContain(wrongPassword);
    expect(shown).not.toContain(Buffer.from(`${registry.username}:${wrongPassword}`)
      .toString('base64'));
  });
});

describe('credentials against a Bearer token registry', () => {
  let registry: TestRegistry;
  const module = tinyModule('bearer-credentials');
  let reference: ReturnType<typeof parseOciReference>;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'bearer' });
    reference = parseOciReference(`${registry.host}/private/gen:v1`);
    const environment = environmentFor(registry);
    await pushGenerator({ ...baseOptions({ environment }), bytes: module, reference,
      title: 'gen.wasm' });
    await pushGenerator({ ...baseOptions({ environment }), bytes: module,
      reference: parseOciReference(`${registry.host}/public/gen:v1`), title: 'gen.wasm' });
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('pulls a public repository with an anonymous token', async () => {
    const before = registry.tokenServer?.requests.length ?? 0;

    const resolved = await createOciResolver({ ...baseOptions(),
      cacheDir: path.join(workDir, 'cache-anonymous-token') })
      .resolve(parseOciReference(`${registry.host}/public/gen:v1`));

    expect(resolved.bytes).toEqual(module);
    const issued = registry.tokenServer?.requests.slice(before) ?? [];
    expect(issued.length).toBeGreaterThan(0);
    expect(issued.every((request) => request.username === undefined)).toBe(true);
  });

  it('fails with REGISTRY_AUTH when an anonymous token may not read a private repository',
    async () => {
      const error = await caught(createOciResolver({ ...baseOptions(),
        cacheDir: path.join(workDir, 'cache-private-anonymous') }).resolve(reference));

      expect(isDawgError(error) && error.code).toBe('REGISTRY_AUTH');
      expect((error as Error).message).toContain('anonymous access');
    });

  it('fails with REGISTRY_AUTH when the token server refuses the password', async () => {
    const wrongPassword = 'not-the-password-41';

    const error = await caught(createOciResolver({
      ...baseOptions({ environment: environmentFor(registry, wrongPassword) }),
      cacheDir: path.join(workDir, 'cache-bearer-wrong'),
    }).resolve(reference));

    expect(isDawgError(error) && error.code).toBe('REGISTRY_AUTH');
    expect((error as Error).message).not.toContain(wrongPassword);
  });

  it('exchanges a Docker config identitytoken through the OAuth2 refresh-token grant',
    async () => {
      const dockerConfigPath = await writeDockerConfig('identity', {
        auths: { [registry.host]: { identitytoken: registry.tokenServer?.refreshToken } },
      });

      const resolved = await createOciResolver({ ...baseOptions(), dockerConfigPath,
        cacheDir: path.join(workDir, 'cache-identity') }).resolve(reference);

      expect(resolved.bytes).toEqual(module);
      expect(registry.tokenServer?.requests.some((request) =>
        request.method === 'POST' && request.grantType === 'refresh_token')).toBe(true);
    });

  it('reuses one token for every request of a run and keeps tokens out of the logs',
    async () => {
      const logger = createMemoryLogger();
      const before = registry.tokenServer?.requests.length ?? 0;

      await createOciResolver({ ...baseOptions({ environment: environmentFor(registry) }),
        logger, cacheDir: path.join(workDir, 'cache-reuse') }).resolve(reference);

      const issued = registry.tokenServer?.requests.slice(before) ?? [];
      expect(issued).toHaveLength(1);
      const logged = JSON.stringify(logger.entries);
      expect(logged).not.toContain(registry.password);
      expect(logged).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    });
});
