import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FolderFiles } from '../domain/problem-folder.js';
import type { CatalogueSource } from '../domain/seed.js';

/** The catalogue shipped with the package: the same path from `src/adapters` and `dist/adapters`. */
export const PACKAGED_CATALOGUE_DIR = fileURLToPath(new URL('../../catalogue/', import.meta.url));

/** Reads catalogue folders from disk: `problems/<slug>/…` and `dictations/<algorithm>/…`. */
export function catalogueOnDisk(root: string): CatalogueSource {
  return {
    problemFolders: () => folders(join(root, 'problems')),
    dictationFolders: () => folders(join(root, 'dictations')),
  };
}

async function* folders(parent: string): AsyncIterable<{ name: string; files: FolderFiles }> {
  let names: string[];
  try {
    names = (await readdir(parent)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // that part of the catalogue is not written yet
    throw error;
  }
  for (const name of names) {
    const path = join(parent, name);
    if (!(await stat(path)).isDirectory()) continue;
    yield { name, files: await readFolder(path) };
  }
}

/** Every file under `root`, by path relative to it with `/` separators; dot-files are skipped. */
export async function readFolder(root: string): Promise<FolderFiles> {
  const files: FolderFiles = new Map();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const key = relative(root, path).split(sep).join('/');
    if (key.split('/').some((part) => part.startsWith('.') || part === '__pycache__')) continue;
    files.set(key, await readFile(path));
  }
  return files;
}
