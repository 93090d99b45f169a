import { describe, expect, it } from 'vitest';

import * as dawg from './index.js';

describe('the public API', () => {
  it('exposes the pipeline and each stage entry point as functions', () => {
    const functions = [
      'renderProject', 'planProject', 'applyProject', 'lockProject', 'findProjectManifests',
      'parseManifests', 'prepareGenerator', 'createSandboxPool', 'createOciResolver',
      'pushGenerator', 'planChanges', 'applyPlan', 'reportText', 'reportMarkdown', 'reportJson',
    ] as const;

    for (const name of functions) {
      expect(typeof dawg[name], name).toBe('function');
    }
  });

  it('recognises its own errors across copies by marker, not by class', () => {
    const error = new dawg.DawgError('USAGE', 'bad flag');

    expect(dawg.isDawgError(error)).toBe(true);
    expect(dawg.isDawgError({ ...error })).toBe(true);
    expect(dawg.isDawgError(new Error('x'))).toBe(false);
  });
});
