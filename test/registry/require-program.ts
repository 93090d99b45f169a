import { execFileSync } from 'node:child_process';

/** Throws a clear error, naming the Debian package, when a program is missing. */
export function requireProgram(program: string, aptPackage: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${program} is not installed; the OCI tests need it: ` +
      `apt-get install ${aptPackage} (scripts/setup-test-env.sh does this)`);
  }
}
