import { describe, expect, it } from 'vitest';

import { buildVersionMessage, maxVersionMessageLength } from './version-message.js';

describe('buildVersionMessage', () => {
  it('names the manifest, its file, the short commit and the note', () => {
    const message = buildVersionMessage({
      dashboard: 'shop/checkout',
      file: 'dashboards/shop.yaml',
      commit: '3f1c9a2b0d4e5f60718293a4b5c6d7e8f9012345',
      note: ' release 42 ',
    });

    expect(message).toBe(
      'dawg: shop/checkout from dashboards/shop.yaml at 3f1c9a2b0d4e: release 42',
    );
  });

  it('leaves out what is not known', () => {
    const message = buildVersionMessage({ dashboard: 'a/b', file: 'b.yaml' });

    expect(message).toBe('dawg: a/b from b.yaml');
  });

  it('keeps to Grafana\'s 500 characters', () => {
    const note = 'x'.repeat(600);

    const message = buildVersionMessage({ dashboard: 'a/b', file: 'b.yaml', note });

    expect(message).toHaveLength(maxVersionMessageLength);
    expect(message.endsWith('…')).toBe(true);
  });
});
