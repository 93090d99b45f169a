import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import pLimit from 'p-limit';

/** Files written at once. */
const writeConcurrency = 32;

export interface OutputFile {
  /** Path relative to the output directory, with forward slashes. */
  readonly relativePath: string;
  readonly content: string;
}

export interface WriteOutputResult {
  /** Files whose content changed or that did not exist. */
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
}

/**
 * Writes each file atomically (a temporary file in the same folder, then a rename), so a reader
 * or a crash never sees half a dashboard. A file whose content is already right is left alone.
 */
export async function writeOutputFiles(
  outDir: string,
  files: readonly OutputFile[],
): Promise<WriteOutputResult> {
  const limit = pLimit(writeConcurrency);
  const written: string[] = [];
  const unchanged: string[] = [];

  await Promise.all(files.map((file) => limit(async () => {
    const target = path.join(outDir, file.relativePath);
    if (await hasContent(target, file.content)) {
      unchanged.push(file.relativePath);
      return;
    }
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, file.content, 'utf8');
    await rename(temporary, target);
    written.push(file.relativePath);
  })));

  return { written: written.sort(), unchanged: unchanged.sort() };
}

/**
 * Removes `<namespace>/<name>.json` files that no manifest produces any more, and namespace
 * folders left empty. Nothing else in the output directory is touched.
 */
export async function removeStaleOutput(
  outDir: string,
  keep: ReadonlySet<string>,
): Promise<string[]> {
  const namespaces = await listDirectories(outDir);
  const removed: string[] = [];

  for (const namespace of namespaces) {
    const folder = path.join(outDir, namespace);
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      const relativePath = `${namespace}/${entry.name}`;
      if (entry.isFile() && entry.name.endsWith('.json') && !keep.has(relativePath)) {
        await rm(path.join(folder, entry.name));
        removed.push(relativePath);
      }
    }
    await rmdir(folder).catch(() => undefined);
  }
  return removed.sort();
}

async function hasContent(file: string, content: string): Promise<boolean> {
  try {
    return (await readFile(file, 'utf8')) === content;
  } catch {
    return false;
  }
}

async function listDirectories(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  } catch {
    return [];
  }
}
