import { describe, expect, it } from 'vitest';

import { createMaskingLogger, createMemoryLogger } from './log.js';

describe('createMaskingLogger', () => {
  it('replaces a registered secret in messages and string fields', () => {
    const inner = createMemoryLogger();
    const logger = createMaskingLogger(inner);
    logger.addSecret('glsa_s3cret');

    logger.warn('sent Bearer glsa_s3cret', { header: 'Bearer glsa_s3cret', attempt: 2 });

    expect(inner.entries).toEqual([{
      level: 'warn',
      message: 'sent Bearer ***',
      fields: { header: 'Bearer ***', attempt: 2 },
    }]);
  });

  it('passes entries through untouched when no secret is registered', () => {
    const inner = createMemoryLogger();

    createMaskingLogger(inner).info('hello', { uid: 'a' });

    expect(inner.entries).toEqual([{ level: 'info', message: 'hello', fields: { uid: 'a' } }]);
  });
});
