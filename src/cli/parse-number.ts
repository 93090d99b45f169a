import { InvalidArgumentError } from 'commander';

/** Commander argument parser for flags such as `--timeout-ms 2000`. */
export function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  }
  return parsed;
}
