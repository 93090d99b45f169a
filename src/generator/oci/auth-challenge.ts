/**
 * Parses `WWW-Authenticate` (RFC 9110 §11.6.1): one or more challenges, each a scheme and
 * `key=value` parameters, values optionally quoted. Quoted values may hold commas and spaces,
 * as in `scope="repository:a:pull,push repository:b:pull"`.
 */

export interface AuthChallenge {
  /** Lower case: `bearer`, `basic`, … */
  readonly scheme: string;
  /** Parameter names in lower case. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** Every challenge in the header, in order. Malformed parts are skipped, not fatal. */
export function parseAuthChallenges(header: string): AuthChallenge[] {
  const challenges: { scheme: string; parameters: Record<string, string> }[] = [];
  const scanner = createScanner(header);

  while (!scanner.isDone()) {
    scanner.skip(/[\s,]/);
    const token = scanner.token();
    if (token === '') {
      scanner.advance();
      continue;
    }
    scanner.skip(/\s/);
    const current = challenges.at(-1);
    if (scanner.peek() === '=' && current !== undefined) {
      scanner.advance();
      scanner.skip(/\s/);
      current.parameters[token.toLowerCase()] = scanner.value();
      continue;
    }
    challenges.push({ scheme: token.toLowerCase(), parameters: {} });
  }

  return challenges;
}

/**
 * The challenge to answer: Bearer when offered (it carries the scope), else Basic, else none.
 * Registries behind proxies sometimes send both.
 */
export function pickAuthChallenge(header: string | null): AuthChallenge | undefined {
  if (header === null) {
    return undefined;
  }
  const challenges = parseAuthChallenges(header);
  return challenges.find((challenge) => challenge.scheme === 'bearer') ??
    challenges.find((challenge) => challenge.scheme === 'basic');
}

interface Scanner {
  isDone(): boolean;
  peek(): string;
  advance(): void;
  skip(pattern: RegExp): void;
  token(): string;
  value(): string;
}

function createScanner(text: string): Scanner {
  let index = 0;
  const tokenCharacter = /[A-Za-z0-9!#$%&'*+.^_`|~-]/;

  const readWhile = (pattern: RegExp): string => {
    const start = index;
    while (index < text.length && pattern.test(text.charAt(index))) {
      index += 1;
    }
    return text.slice(start, index);
  };

  const readQuoted = (): string => {
    let value = '';
    index += 1;
    while (index < text.length && text.charAt(index) !== '"') {
      if (text.charAt(index) === '\\') {
        index += 1;
      }
      value += text.charAt(index);
      index += 1;
    }
    index += 1;
    return value;
  };

  return {
    isDone: () => index >= text.length,
    peek: () => text.charAt(index),
    advance: () => {
      index += 1;
    },
    skip: (pattern) => {
      readWhile(pattern);
    },
    token: () => readWhile(tokenCharacter),
    value: () => text.charAt(index) === '"' ? readQuoted() : readWhile(/[^\s,]/),
  };
}
