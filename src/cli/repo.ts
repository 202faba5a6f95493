/**
 * Paths relative to the repository root, wherever the command runs from.
 *
 * @module
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two folders above this file). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A path inside the repository.
 *
 * @param rel - relative to the root (an absolute path is returned unchanged)
 * @returns the absolute path
 */
export function repoPath(rel: string): string {
  return resolve(repoRoot, rel);
}
