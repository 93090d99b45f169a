import { describe, expect, it } from 'vitest';

import { createMemoryLogger } from '../../log.js';
import { dockerHubServerUrl, findDockerCredentials } from './docker-config.js';
import { findEnvironmentCredentials } from './environment-credentials.js';

const basic = (user: string, password: string) =>
  Buffer.from(`${user}:${password}`).toString('base64');

describe('findDockerCredentials', () => {
  it('decodes auths[host].auth, keeping colons in the password', () => {
    const config = { auths: { 'ghcr.io': { auth: basic('me', 'pa:ss') } } };

    expect(findDockerCredentials(config, 'ghcr.io')).toEqual({
      kind: 'secret',
      secret: { kind: 'password', username: 'me', password: 'pa:ss' },
    });
  });

  it('matches a legacy URL key by its host', () => {
    const config = { auths: { 'https://registry.example:5000/v1/': { auth: basic('a', 'b') } } };

    expect(findDockerCredentials(config, 'registry.example:5000')?.kind).toBe('secret');
  });

  it('finds Docker Hub credentials under the index.docker.io URL', () => {
    const config = { auths: { [dockerHubServerUrl]: { auth: basic('hub', 'pw') } } };

    expect(findDockerCredentials(config, 'registry-1.docker.io')).toMatchObject({
      secret: { username: 'hub' },
    });
  });

  it('prefers credHelpers over credsStore over auths', () => {
    const config = {
      auths: { 'ghcr.io': { auth: basic('a', 'b') } },
      credsStore: 'desktop',
      credHelpers: { 'ghcr.io': 'gh' },
    };

    expect(findDockerCredentials(config, 'ghcr.io')).toEqual({
      kind: 'helper', helper: 'gh', serverUrl: 'ghcr.io',
    });
    expect(findDockerCredentials({ ...config, credHelpers: {} }, 'ghcr.io')).toMatchObject({
      helper: 'desktop',
    });
  });

  it('reads an identitytoken as an OAuth2 refresh token', () => {
    const config = { auths: { 'acr.example': { identitytoken: 'refresh' } } };

    expect(findDockerCredentials(config, 'acr.example')).toEqual({
      kind: 'secret', secret: { kind: 'identity-token', token: 'refresh' },
    });
  });

  it('finds nothing for a host the config does not name', () => {
    expect(findDockerCredentials({ auths: {} }, 'ghcr.io')).toBeUndefined();
  });
});

describe('findEnvironmentCredentials', () => {
  it('reads the host-specific pair', () => {
    const environment = {
      DAWG_REGISTRY_127_0_0_1_5000_USERNAME: 'ci',
      DAWG_REGISTRY_127_0_0_1_5000_PASSWORD: 'pw',
    };

    const found = findEnvironmentCredentials(environment, '127.0.0.1:5000', createMemoryLogger());

    expect(found?.secret).toEqual({ kind: 'password', username: 'ci', password: 'pw' });
    expect(found?.source).toContain('DAWG_REGISTRY_127_0_0_1_5000_USERNAME');
  });

  it('gives the generic pair only to the hosts in DAWG_REGISTRY_HOST', () => {
    const environment = {
      DAWG_REGISTRY_USERNAME: 'ci',
      DAWG_REGISTRY_PASSWORD: 'pw',
      DAWG_REGISTRY_HOST: 'ghcr.io, registry.example',
    };
    const logger = createMemoryLogger();

    expect(findEnvironmentCredentials(environment, 'ghcr.io', logger)).toBeDefined();
    expect(findEnvironmentCredentials(environment, 'evil.example', logger)).toBeUndefined();
  });

  it('ignores the generic pair with a warning when DAWG_REGISTRY_HOST is unset', () => {
    const logger = createMemoryLogger();

    const found = findEnvironmentCredentials(
      { DAWG_REGISTRY_USERNAME: 'ci', DAWG_REGISTRY_PASSWORD: 'pw' }, 'ghcr.io', logger);

    expect(found).toBeUndefined();
    expect(logger.entries[0]?.level).toBe('warn');
  });
});
