import { LineCounter, parseDocument } from 'yaml';

import type { DashboardManifest, Position } from './manifest.js';
import { collectPositions, findPosition } from './yaml-positions.js';

/** `spec.config` as data, and where each of its parts is written in the manifest's file. */
export interface LocatedConfig {
  readonly value: unknown;
  /**
   * The file position of the config node at `pointer` (a JSON pointer into the config, `''` for
   * the config itself), or of its nearest written ancestor.
   */
  locate(pointer: string): Position;
}

/** Aliases expanded when reading a string config: as many as the manifest parser allows. */
const maxAliasCount = 100;

/**
 * Reads `spec.config` for validation. A mapping is used as parsed; a string is parsed as YAML
 * (JSON included), and positions inside a literal block scalar map back to file lines. Returns
 * undefined when a string config is not YAML or not a mapping: such a config is the
 * generator's own format, which no schema describes.
 */
export function locateConfig(manifest: DashboardManifest): LocatedConfig | undefined {
  const configKey = findPosition(manifest.positions, '/spec/config')
    ?? { line: manifest.source.line, column: manifest.source.column };
  if (manifest.configValue !== undefined) {
    return {
      value: manifest.configValue,
      locate: (pointer) => findPosition(manifest.positions, `/spec/config${pointer}`) ?? configKey,
    };
  }

  const lineCounter = new LineCounter();
  const document = parseDocument(manifest.config, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return undefined;
  }
  const value: unknown = document.toJS({ maxAliasCount });
  if (!isMapping(value)) {
    return undefined;
  }

  const inner = new Map(collectPositions(document.contents, lineCounter));
  // The root's own position is the block's first key; pointing at `config:` reads better.
  inner.delete('');
  const block = manifest.configBlock;
  return {
    value,
    locate: (pointer) => {
      const position = findPosition(inner, pointer);
      if (position === undefined || block === undefined) {
        return configKey;
      }
      return { line: block.line + position.line - 1, column: block.column + position.column - 1 };
    },
  };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
