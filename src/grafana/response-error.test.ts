import { describe, expect, it } from 'vitest';

import type { HttpResponse } from './http-transport.js';
import { parseBody, responseError } from './response-error.js';
import { grafanaValidators } from './schema.js';

const context = { method: 'POST', path: '/api/dashboards/db', subject: 'uid shop_checkout' };

function response(status: number, body: unknown): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers: {}, text };
}

describe('responseError', () => {
  it('names method, path, subject, status and the server\'s message', () => {
    const error = responseError(response(412, {
      status: 'version-mismatch',
      message: 'The dashboard has been changed by someone else',
    }), context);

    expect(error).toMatchObject({
      code: 'GRAFANA_CONFLICT',
      message: 'POST /api/dashboards/db (uid shop_checkout): 412 The dashboard has been changed '
        + 'by someone else',
    });
  });

  it.each([
    [401, { message: 'Invalid API key', messageId: 'api-key.invalid' }, 'GRAFANA_AUTH',
      '--grafana-token'],
    [401, { message: 'x', messageId: 'api-key.organization-mismatch' }, 'GRAFANA_AUTH',
      'another organisation'],
    [401, { message: 'x', messageId: 'password-auth.failed' }, 'GRAFANA_AUTH',
      '--grafana-password'],
    [403, { title: 'Access denied', message: 'You\'ll need additional permissions' },
      'GRAFANA_AUTH', 'Editor'],
    [413, { message: 'Dashboard is too large' }, 'GRAFANA', 'larger than Grafana'],
    [502, 'Bad Gateway', 'GRAFANA', 'try again later'],
  ])('maps %i %j to %s with a hint', (status, body, code, hint) => {
    const error = responseError(response(status, body), context);

    expect(error.code).toBe(code);
    expect(error.hint).toContain(hint);
  });

  it('quotes only the start of a long non-JSON body', () => {
    const error = responseError(response(500, `<html>${'x'.repeat(1000)}</html>`), context);

    expect(error.message.length).toBeLessThan(400);
  });
});

describe('parseBody', () => {
  it('accepts extra fields and missing optional ones', () => {
    const body = parseBody(
      response(200, { uid: 'a', version: 3, status: 'success', slug: 's' }),
      grafanaValidators().saveResult,
      context,
    );

    expect(body).toEqual({ uid: 'a', version: 3, status: 'success', slug: 's' });
  });

  it('rejects an HTML page with a hint to check the URL', () => {
    const parse = () => parseBody(response(200, '<html>login</html>'), grafanaValidators().health,
      { method: 'GET', path: '/api/health' });

    expect(parse).toThrow(expect.objectContaining({
      code: 'GRAFANA',
      hint: expect.stringContaining('--grafana-url'),
    }));
  });

  it('rejects JSON without a field DAWG needs', () => {
    const parse = () => parseBody(response(200, { version: 3 }), grafanaValidators().saveResult,
      context);

    expect(parse).toThrow(expect.objectContaining({ code: 'GRAFANA' }));
  });
});
