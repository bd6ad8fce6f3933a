import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** native/ sits next to src/ and dist/, so the same relative URL works from source and from the build. */
export const HELPER_SOURCE_PATH = fileURLToPath(new URL('../native/helper.c', import.meta.url));
export const DEFAULT_HELPER_PATH = fileURLToPath(
  new URL('../native/build/corazy-sandbox-helper', import.meta.url),
);

export interface HelperBuildResult {
  path: string;
  built: boolean;
  problem?: string;
}

/**
 * Returns the helper binary, compiling it with gcc when it is missing or older than its source.
 * It is linked statically so it also runs as PID 1 inside minimal Docker images.
 */
export async function ensureHelper(path: string = DEFAULT_HELPER_PATH): Promise<HelperBuildResult> {
  const sourceExists = existsSync(HELPER_SOURCE_PATH);
  if (existsSync(path) && (!sourceExists || statSync(path).mtimeMs >= statSync(HELPER_SOURCE_PATH).mtimeMs)) {
    return { path, built: false };
  }
  if (!sourceExists)
    return { path, built: false, problem: `helper binary ${path} is missing and so is its source` };
  mkdirSync(new URL('../native/build/', import.meta.url), { recursive: true, mode: 0o755 });
  const flags = ['-O2', '-Wall', '-o', path, HELPER_SOURCE_PATH];
  try {
    await execFileAsync('gcc', ['-static', ...flags]);
  } catch {
    try {
      // Some images lack libc.a; a dynamic helper is fine for the namespace backend.
      await execFileAsync('gcc', flags);
    } catch (error) {
      return {
        path,
        built: false,
        problem: `cannot compile ${HELPER_SOURCE_PATH} with gcc: ${(error as Error).message}`,
      };
    }
  }
  return { path, built: true };
}
