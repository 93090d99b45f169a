import { describe, expect, it } from 'vitest';

import { fitText } from './fit-text.js';

describe('fitText', () => {
  it('returns text that fits unchanged', () => {
    expect(fitText('short\ntext', { maxCharacters: 20, note: '[cut]' })).toBe('short\ntext');
  });

  it('cuts at the last line break that leaves room for the note', () => {
    const text = 'line one\nline two\nline three\n';

    const fitted = fitText(text, { maxCharacters: 24, note: '\n[cut]' });

    expect(fitted).toBe('line one\nline two\n[cut]');
    expect(fitted.length).toBeLessThanOrEqual(24);
  });

  it('cuts inside a line when the first line alone is too long', () => {
    const fitted = fitText('x'.repeat(100), { maxCharacters: 10, note: '…' });

    expect(fitted).toBe(`${'x'.repeat(9)}…`);
  });
});
