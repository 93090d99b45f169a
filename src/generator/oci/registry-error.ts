/**
 * Turns a registry's error response into a DawgError whose code says who must act: the user
 * (REGISTRY_NOT_FOUND, REGISTRY_AUTH) or the registry (REGISTRY). The message names the
 * method, the URL path, the status and the registry's own error code and message
 * (distribution-spec "Error Codes").
 */
import { DawgError, type ErrorCode } from '../../errors.js';
import { readBody } from './read-body.js';
import { parseWithSchema } from './schema.js';

/** Error bodies are a few hundred bytes; more is noise. */
const maxErrorBodyBytes = 64 * 1024;
/** Registry messages are quoted on one line, cut to this length. */
const maxMessageLength = 200;

export interface RegistryErrorDetails {
  /** The registry's first error code (`MANIFEST_UNKNOWN`), when it sent JSON. */
  readonly code: string | undefined;
  /** ` MANIFEST_UNKNOWN: manifest unknown`, or ` <text>`, or empty. */
  readonly summary: string;
}

/** Reads the error body (capped) and returns its first code and a one-line summary. */
export async function readRegistryError(response: Response): Promise<RegistryErrorDetails> {
  if (response.body === null) {
    return { code: undefined, summary: '' };
  }
  const bytes = await readBody(response, { maxBytes: maxErrorBodyBytes, what: 'error body' })
    .catch(() => new Uint8Array());
  const text = new TextDecoder().decode(bytes).trim();
  const parsed = parseWithSchema('errorBody', text);
  const first = 'value' in parsed ? parsed.value.errors?.[0] : undefined;
  if (first === undefined) {
    return { code: undefined, summary: text === '' ? '' : ` ${oneLine(text)}` };
  }
  const message = first.message === undefined ? '' : `: ${oneLine(first.message)}`;
  return { code: first.code, summary: ` ${first.code ?? 'error'}${message}` };
}

/** Only the summary, for callers that build their own message. */
export async function registryErrorSummary(response: Response): Promise<string> {
  return (await readRegistryError(response)).summary;
}

export interface RegistryFailureOptions {
  readonly method: string;
  readonly path: string;
  /** What the caller was doing, first in the message: `oci://…: tag v2 not found`. */
  readonly context: string;
  readonly hint?: string;
}

/** A DawgError for an unexpected registry status, with the code chosen from the status. */
export async function registryFailure(
  response: Response,
  options: RegistryFailureOptions,
): Promise<DawgError> {
  const details = await readRegistryError(response);
  const code = codeForStatus(response.status);
  return new DawgError(
    code,
    `${options.context} (${options.method} ${options.path} → ` +
      `${response.status}${details.summary})`,
    { hint: options.hint ?? hintForCode(code) },
  );
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) {
    return 'REGISTRY_AUTH';
  }
  if (status === 404) {
    return 'REGISTRY_NOT_FOUND';
  }
  return 'REGISTRY';
}

function hintForCode(code: ErrorCode): string | undefined {
  if (code === 'REGISTRY_AUTH') {
    return 'check the credentials and that they may read (or push to) this repository';
  }
  return undefined;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > maxMessageLength ? `${line.slice(0, maxMessageLength)}…` : line;
}
