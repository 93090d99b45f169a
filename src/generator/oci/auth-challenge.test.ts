import { describe, expect, it } from 'vitest';

import { parseAuthChallenges, pickAuthChallenge } from './auth-challenge.js';

describe('parseAuthChallenges', () => {
  it('reads a Bearer challenge with realm, service and a scope holding commas and spaces', () => {
    const header = 'Bearer realm="http://127.0.0.1:4000/token",service="test-registry",' +
      'scope="repository:a:pull,push repository:b:pull"';

    const challenges = parseAuthChallenges(header);

    expect(challenges).toEqual([{
      scheme: 'bearer',
      parameters: {
        realm: 'http://127.0.0.1:4000/token',
        service: 'test-registry',
        scope: 'repository:a:pull,push repository:b:pull',
      },
    }]);
  });

  it('reads a Basic challenge with extra parameters, as ECR sends', () => {
    const challenges = parseAuthChallenges(
      'Basic realm="https://1.dkr.ecr.eu-west-1.amazonaws.com/",service="ecr.amazonaws.com"',
    );

    expect(challenges[0]?.scheme).toBe('basic');
    expect(challenges[0]?.parameters['service']).toBe('ecr.amazonaws.com');
  });

  it('splits two challenges in one header', () => {
    const challenges = parseAuthChallenges('Basic realm="r1", Bearer realm="r2",error="x"');

    expect(challenges.map((challenge) => challenge.scheme)).toEqual(['basic', 'bearer']);
    expect(challenges[1]?.parameters).toEqual({ realm: 'r2', error: 'x' });
  });

  it('reads unquoted values and escaped quotes', () => {
    const challenges = parseAuthChallenges('Bearer realm=plain, error="say \\"no\\""');

    expect(challenges[0]?.parameters).toEqual({ realm: 'plain', error: 'say "no"' });
  });
});

describe('pickAuthChallenge', () => {
  it('prefers Bearer over Basic when both are offered', () => {
    expect(pickAuthChallenge('Basic realm="a", Bearer realm="b"')?.scheme).toBe('bearer');
  });

  it('returns nothing for an absent header or an unknown scheme', () => {
    expect(pickAuthChallenge(null)).toBeUndefined();
    expect(pickAuthChallenge('Negotiate abc')).toBeUndefined();
  });
});
