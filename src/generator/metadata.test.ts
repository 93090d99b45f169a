import { describe, expect, it } from 'vitest';

import { isDawgError } from '../errors.js';
import {
  embedGeneratorMetadata,
  generatorMetadataSectionName,
  parseGeneratorMetadata,
  readGeneratorMetadata,
  type GeneratorMetadata,
} from './metadata.js';

/** The smallest valid module: the header, then a type section with one `() -> ()` type. */
const emptyModule = Uint8Array.of(
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
);

const metadata: GeneratorMetadata = {
  name: 'k8s-deployment',
  version: '1.0.0',
  description: 'One Deployment’s replicas, CPU and memory.',
  configSchema: {
    type: 'object',
    required: ['deployment'],
    properties: { deployment: { type: 'string', description: 'The Deployment name.' } },
  },
  exampleConfig: { deployment: 'api' },
};

function withCustomSection(module: Uint8Array, name: string, payload: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const body = [nameBytes.length, ...nameBytes, ...payload];
  if (body.length > 127) {
    throw new Error('test sections must stay under 128 bytes');
  }
  return Uint8Array.of(...module, 0x00, body.length, ...body);
}

function withMetadataText(text: string): Uint8Array {
  const payload = new TextEncoder().encode(text);
  return withCustomSection(emptyModule, generatorMetadataSectionName, payload);
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return isDawgError(error) ? error.code : `not a DawgError: ${String(error)}`;
  }
  return undefined;
}

describe('readGeneratorMetadata', () => {
  it('returns undefined for a module without a dawg.generator section', () => {
    const module = withCustomSection(emptyModule, 'name', Uint8Array.of(0x00));

    expect(readGeneratorMetadata(module)).toBeUndefined();
  });

  it('reads name and version from a minimal section', () => {
    const module = withMetadataText('{"name":"tiny","version":"0.1.0"}');

    expect(readGeneratorMetadata(module)).toEqual({ name: 'tiny', version: '0.1.0' });
  });

  it('reports malformed JSON as GENERATOR_METADATA', () => {
    const module = withMetadataText('{"name":"tiny",');

    expect(codeOf(() => readGeneratorMetadata(module))).toBe('GENERATOR_METADATA');
  });

  it('reports a section that is not UTF-8 as GENERATOR_METADATA', () => {
    const notText = Uint8Array.of(0xff);
    const module = withCustomSection(emptyModule, generatorMetadataSectionName, notText);

    expect(codeOf(() => readGeneratorMetadata(module))).toBe('GENERATOR_METADATA');
  });

  it('names the field when the version is missing', () => {
    const module = withMetadataText('{"name":"tiny"}');

    expect(() => readGeneratorMetadata(module)).toThrow(/"version"/);
    expect(codeOf(() => readGeneratorMetadata(module))).toBe('GENERATOR_METADATA');
  });

  it.each([
    ['an array', '[]'],
    ['a name that is a number', '{"name":1,"version":"1"}'],
    ['an empty version', '{"name":"x","version":" "}'],
    ['a description that is not text', '{"name":"x","version":"1","description":[]}'],
    ['a config schema that is a list', '{"name":"x","version":"1","configSchema":[]}'],
    ['an example config that is text', '{"name":"x","version":"1","exampleConfig":"a: b"}'],
    ['an unknown field', '{"name":"x","version":"1","schema":{}}'],
  ])('rejects %s as GENERATOR_METADATA', (_, text) => {
    const module = withMetadataText(text);

    expect(codeOf(() => readGeneratorMetadata(module))).toBe('GENERATOR_METADATA');
  });

  it('rejects a module with two dawg.generator sections', () => {
    const once = withMetadataText('{"name":"a","version":"1"}');
    const twice = withCustomSection(
      once,
      generatorMetadataSectionName,
      new TextEncoder().encode('{"name":"b","version":"1"}'),
    );

    expect(() => readGeneratorMetadata(twice)).toThrow(/2 dawg.generator sections/);
  });

  it('reports bytes that are not a module as GENERATOR_INVALID_MODULE', () => {
    const text = new TextEncoder().encode('#!/bin/sh\necho hi\n');

    expect(codeOf(() => readGeneratorMetadata(text))).toBe('GENERATOR_INVALID_MODULE');
  });

  it('reports a truncated section as GENERATOR_INVALID_MODULE', () => {
    const truncated = withMetadataText('{"name":"a","version":"1"}').subarray(0, 20);

    expect(codeOf(() => readGeneratorMetadata(truncated))).toBe('GENERATOR_INVALID_MODULE');
  });
});

describe('embedGeneratorMetadata', () => {
  it('round-trips metadata through a module that still compiles', async () => {
    const module = embedGeneratorMetadata(emptyModule, metadata);

    expect(readGeneratorMetadata(module)).toEqual(metadata);
    const compiled = await WebAssembly.compile(module);
    const sections = WebAssembly.Module.customSections(compiled, generatorMetadataSectionName);
    expect(sections).toHaveLength(1);
  });

  it('replaces an existing section instead of adding a second one', () => {
    const first = embedGeneratorMetadata(emptyModule, { name: 'old', version: '0.1.0' });

    const second = embedGeneratorMetadata(first, metadata);

    expect(readGeneratorMetadata(second)).toEqual(metadata);
    expect(second.subarray(0, emptyModule.length)).toEqual(emptyModule);
  });

  it('keeps the other sections byte for byte', () => {
    const named = withCustomSection(emptyModule, 'name', Uint8Array.of(0x00, 0x01, 0x61));

    const embedded = embedGeneratorMetadata(named, metadata);

    expect(embedded.subarray(0, named.length)).toEqual(named);
  });

  it('gives the same bytes whatever the order of the fields it is given', () => {
    const reordered: GeneratorMetadata = {
      exampleConfig: metadata.exampleConfig,
      version: metadata.version,
      configSchema: metadata.configSchema,
      name: metadata.name,
      description: metadata.description,
    };

    expect(embedGeneratorMetadata(emptyModule, reordered))
      .toEqual(embedGeneratorMetadata(emptyModule, metadata));
  });

  it('refuses metadata without a name', () => {
    const nameless = { version: '1.0.0' } as unknown as GeneratorMetadata;

    expect(codeOf(() => embedGeneratorMetadata(emptyModule, nameless))).toBe('GENERATOR_METADATA');
  });

  it('refuses bytes that are not a module', () => {
    const action = () => embedGeneratorMetadata(Uint8Array.of(1, 2, 3), metadata);

    expect(codeOf(action)).toBe('GENERATOR_INVALID_MODULE');
  });
});

describe('parseGeneratorMetadata', () => {
  it('reads a generator.json text', () => {
    expect(parseGeneratorMetadata(JSON.stringify(metadata))).toEqual(metadata);
  });
});
