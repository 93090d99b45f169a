import { describe, expect, it } from 'vitest';

import { isDawgError } from '../../errors.js';
import { formatOciReference, parseOciReference } from './reference.js';

const digest = `sha256:${'ab'.repeat(32)}`;

function parseError(text: string): unknown {
  try {
    parseOciReference(text);
  } catch (error) {
    return error;
  }
  throw new Error(`${text} parsed without error`);
}

describe('parseOciReference', () => {
  it('splits host, port, nested repository and tag', () => {
    const reference = parseOciReference('127.0.0.1:5000/generators/simple:v1.2.0');

    expect(reference).toEqual({
      registry: '127.0.0.1:5000',
      repository: 'generators/simple',
      tag: 'v1.2.0',
      digest: undefined,
    });
  });

  it('keeps both tag and digest when both are written', () => {
    const reference = parseOciReference(`ghcr.io/acme/gen:v1@${digest}`);

    expect(reference).toMatchObject({ registry: 'ghcr.io', tag: 'v1', digest });
  });

  it('leaves the tag unset for a digest-only reference', () => {
    expect(parseOciReference(`ghcr.io/acme/gen@${digest}`).tag).toBeUndefined();
  });

  it('defaults the tag to latest when neither tag nor digest is given', () => {
    expect(parseOciReference('localhost/gen').tag).toBe('latest');
  });

  it('reads a port-less localhost as a registry host', () => {
    expect(parseOciReference('localhost/gen:v1').registry).toBe('localhost');
  });

  it('reads a bracketed IPv6 host with a port', () => {
    expect(parseOciReference('[::1]:5000/gen:v1').registry).toBe('[::1]:5000');
  });

  it('maps a one-segment name to Docker Hub library', () => {
    const reference = parseOciReference('gen:v1');

    expect(reference.registry).toBe('registry-1.docker.io');
    expect(reference.repository).toBe('library/gen');
  });

  it('maps a two-segment name without a host to a Docker Hub user repository', () => {
    const reference = parseOciReference('acme/gen:v1');

    expect(reference.registry).toBe('registry-1.docker.io');
    expect(reference.repository).toBe('acme/gen');
  });

  it('treats docker.io and index.docker.io as Docker Hub', () => {
    expect(parseOciReference('docker.io/gen:v1').repository).toBe('library/gen');
    expect(parseOciReference('index.docker.io/acme/gen').registry).toBe('registry-1.docker.io');
  });

  it.each([
    ['', 'names no registry'],
    ['127.0.0.1:5000/', 'names no repository'],
    ['127.0.0.1:5000/Gen:v1', 'has repository "Gen"'],
    ['127.0.0.1:5000/gen:-v1', 'has tag "-v1"'],
    ['127.0.0.1:5000/gen@sha256:xyz', 'has digest "sha256:xyz"'],
    ['127.0.0.1:5000/gen@md5:abc', 'has digest "md5:abc"'],
    ['exa_mple.com/gen:v1', 'registry host "exa_mple.com"'],
  ])('rejects %j with GENERATOR_REFERENCE naming the part', (text, problem) => {
    const error = parseError(text);

    expect(isDawgError(error) && error.code).toBe('GENERATOR_REFERENCE');
    expect(String((error as Error).message)).toContain(problem);
  });

  it('rejects a name longer than 255 characters', () => {
    const error = parseError(`example.com/${'a'.repeat(250)}:v1`);

    expect(isDawgError(error) && error.code).toBe('GENERATOR_REFERENCE');
  });
});

describe('formatOciReference', () => {
  it.each([
    '127.0.0.1:5000/generators/simple:v1',
    `ghcr.io/acme/gen@${digest}`,
    `ghcr.io/acme/gen:v1@${digest}`,
    'registry-1.docker.io/library/gen:latest',
  ])('writes %s back as it was parsed', (text) => {
    expect(formatOciReference(parseOciReference(text))).toBe(text);
  });
});
