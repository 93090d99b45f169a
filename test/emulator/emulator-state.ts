/** Everything a route handler may read or change, shared by one emulator instance. */
import type { AuthRegistry } from './auth.js';
import type { EmulatorSettings } from './emulator-settings.js';
import type { EmulatorStore } from './store.js';

/** The live state of one emulator. */
export interface EmulatorState {
  readonly settings: EmulatorSettings;
  readonly store: EmulatorStore;
  readonly auth: AuthRegistry;
  /** What `/api/health` reports for the database. */
  health: 'ok' | 'failing';
}
