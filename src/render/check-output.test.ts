import { describe, expect, it } from 'vitest';

import { checkDashboardOutput } from './check-output.js';

const identity = { namespace: 'shop', name: 'checkout' };

describe('checkDashboardOutput', () => {
  it('derives a uid when the generator set none', () => {
    const checked = checkDashboardOutput('{"title":"Checkout","panels":[]}', identity);

    expect(checked).toEqual({
      uid: 'shop_checkout',
      title: 'Checkout',
      dashboard: { title: 'Checkout', panels: [], uid: 'shop_checkout' },
    });
  });

  it("keeps the generator's own valid uid", () => {
    expect(checkDashboardOutput('{"title":"T","uid":"abc-123"}', identity).uid).toBe('abc-123');
  });

  it.each([
    ['', 'output is empty'],
    ['not json', 'output is not JSON'],
    ['[1]', 'output is a JSON array, not a JSON object'],
    ['{"panels":[]}', 'output has no title'],
    ['{"title":"   "}', 'output has no title'],
    ['{"title":"T","uid":"has space"}', 'output uid "has space" is not a Grafana uid'],
    [`{"title":"T","uid":"${'x'.repeat(41)}"}`, 'is not a Grafana uid'],
  ])('refuses %j', (output, message) => {
    expect(() => checkDashboardOutput(output, identity)).toThrow(message);
  });
});
