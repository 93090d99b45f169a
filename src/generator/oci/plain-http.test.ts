import { describe, expect, it } from 'vitest';

import { isLoopbackHost, registryOrigin, usesPlainHttp } from './plain-http.js';

describe('usesPlainHttp', () => {
  it.each(['localhost', 'localhost:5000', 'dev.localhost:80', '127.0.0.1:5000', '127.1.2.3',
    '[::1]:5000'])('reaches loopback host %s over plain HTTP', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
    expect(usesPlainHttp(host)).toBe(true);
  });

  it.each(['ghcr.io', '10.0.0.5:5000', '128.0.0.1', 'localhost.example.com'])(
    'keeps HTTPS for %s unless it is listed',
    (host) => {
      expect(usesPlainHttp(host)).toBe(false);
    },
  );

  it('accepts a listed host with its exact port', () => {
    expect(usesPlainHttp('registry.lan:5000', { plainHttpHosts: ['registry.lan:5000'] }))
      .toBe(true);
    expect(usesPlainHttp('registry.lan:5001', { plainHttpHosts: ['registry.lan:5000'] }))
      .toBe(false);
  });

  it('keeps HTTPS for a loopback host listed as insecure', () => {
    expect(usesPlainHttp('127.0.0.1:5443', { insecureHosts: ['127.0.0.1:5443'] })).toBe(false);
  });

  it('accepts any port of a host listed without one', () => {
    expect(usesPlainHttp('registry.lan:5000', { plainHttpHosts: ['registry.lan'] })).toBe(true);
  });
});

describe('registryOrigin', () => {
  it('builds an https origin for a public registry and http for loopback', () => {
    expect(registryOrigin('ghcr.io')).toBe('https://ghcr.io');
    expect(registryOrigin('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
  });
});
