import { describe, expect, it } from 'vitest';

import { inlineCode, inlineText, tableCell } from './markdown-text.js';

describe('tableCell', () => {
  it('keeps a cell on one line and escapes pipes and HTML', () => {
    expect(tableCell('a | b\n<script>&')).toBe('a \\| b<br>&lt;script&gt;&amp;');
  });
});

describe('inlineText', () => {
  it('neutralises an HTML comment that could hide the rest of a report', () => {
    expect(inlineText('<!-- dawg-plan -->')).toBe('&lt;!-- dawg-plan --&gt;');
  });
});

describe('inlineCode', () => {
  it('replaces backticks that would end the code span', () => {
    expect(inlineCode('a`b')).toBe("`a'b`");
  });
});
