import { describe, expect, it } from 'vitest';

import { deriveDashboardUid, isValidGrafanaUid } from './dashboard-uid.js';

describe('deriveDashboardUid', () => {
  it('uses the name alone in the default namespace', () => {
    expect(deriveDashboardUid(undefined, 'checkout')).toBe('checkout');
    expect(deriveDashboardUid('default', 'checkout')).toBe('checkout');
  });

  it('joins namespace and name with an underscore, which names cannot contain', () => {
    expect(deriveDashboardUid('shop', 'checkout')).toBe('shop_checkout');
    expect(deriveDashboardUid('a-b', 'c')).not.toBe(deriveDashboardUid('a', 'b-c'));
  });

  it('shortens long uids to 40 characters with a hash that keeps them apart', () => {
    const name = 'a'.repeat(63);

    const first = deriveDashboardUid('team-one', name);
    const second = deriveDashboardUid('team-two', name);

    expect(first).toHaveLength(40);
    expect(isValidGrafanaUid(first)).toBe(true);
    expect(first).not.toBe(second);
    expect(deriveDashboardUid('team-one', name)).toBe(first);
  });
});
