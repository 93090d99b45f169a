/** Runs the `dawg` CLI from source, for tests that start it as a process. */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv);
