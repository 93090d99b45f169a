import { DawgError, isDawgError } from '../errors.js';
import { formatConfigTemplate } from '../generator/config-template.js';
import { readGeneratorMetadata, type GeneratorMetadata } from '../generator/metadata.js';

/** What `dawg inspect` shows of a generator's own description of itself. */
export interface MetadataInspection {
  /** The `dawg.generator` section; null when the generator carries none. */
  readonly metadata: GeneratorMetadata | null;
  /** A YAML config to start from, built from the metadata; null without metadata. */
  readonly configTemplate: string | null;
}

/**
 * Reads a module's metadata for `dawg inspect`. A malformed section is an error naming the
 * generator as shown to the user, with the reader's code (GENERATOR_METADATA).
 */
export function inspectMetadata(bytes: Uint8Array, shown: string): MetadataInspection {
  let metadata: GeneratorMetadata | undefined;
  try {
    metadata = readGeneratorMetadata(bytes);
  } catch (error) {
    const reason = isDawgError(error) ? error.message : String(error);
    throw new DawgError(isDawgError(error) ? error.code : 'GENERATOR_METADATA',
      `generator ${shown}: ${reason}`, {
        hint: isDawgError(error) ? error.hint : undefined,
        cause: error,
      });
  }
  if (metadata === undefined) {
    return { metadata: null, configTemplate: null };
  }

  const configTemplate = formatConfigTemplate(metadata.configSchema, {
    exampleConfig: metadata.exampleConfig,
  });
  return { metadata, configTemplate };
}

/** The metadata lines of inspect's text output, labels padded to `labelWidth`. */
export function formatMetadataInspection(
  inspection: MetadataInspection,
  labelWidth: number,
): string {
  const label = (text: string): string => `${text}:`.padEnd(labelWidth);
  const { metadata, configTemplate } = inspection;
  if (metadata === null || configTemplate === null) {
    return `${label('generator')}(no dawg.generator section: its config is not described)\n`;
  }

  const lines = [`${label('generator')}${metadata.name} ${metadata.version}`];
  if (metadata.description !== undefined) {
    lines.push(`${label('description')}${metadata.description}`);
  }
  lines.push(`${label('config schema')}${metadata.configSchema === undefined ? 'none' : 'yes'}`);
  lines.push('config template (dawg init dashboard writes it into a manifest):');
  for (const line of configTemplate.trimEnd().split('\n')) {
    lines.push(line === '' ? '' : `  ${line}`);
  }
  return `${lines.join('\n')}\n`;
}
