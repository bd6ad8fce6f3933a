import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import type { FolderFiles } from '../domain/problem-folder.js';

/** Limits on an uploaded archive: a decompression bomb is refused before it fills memory. */
export const MAX_ARCHIVE_FILES = 2_000;
export const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;

export class ArchiveError extends Error {}

/**
 * A problem folder as a .tar.gz whose entries sit under `<slug>/`, so `tar xzf` gives the same folder
 * as in the catalogue. Reading accepts entries with or without that top-level folder.
 */
export async function packFolder(slug: string, files: FolderFiles): Promise<Buffer> {
  const pack = tar.pack();
  const mtime = new Date(0); // the same folder gives the same bytes
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const path of [...files.keys()].sort()) {
    pack.entry({ name: `${slug}/${path}`, mode: 0o644, mtime }, files.get(path)!);
  }
  pack.finalize();
  await collected;
  return gzipSync(Buffer.concat(chunks));
}

export async function unpackFolder(archive: Buffer): Promise<FolderFiles> {
  const entries: { name: string; content: Buffer }[] = [];
  let total = 0;
  const extract = tar.extract();
  const reading = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) {
        total += (chunk as Buffer).length;
        if (total > MAX_ARCHIVE_BYTES)
          throw new ArchiveError(`the archive holds more than ${MAX_ARCHIVE_BYTES} bytes`);
        chunks.push(chunk as Buffer);
      }
      if (entry.header.type === 'file') {
        entries.push({ name: entry.header.name.replace(/^\.\//, ''), content: Buffer.concat(chunks) });
        if (entries.length > MAX_ARCHIVE_FILES)
          throw new ArchiveError(`the archive holds more than ${MAX_ARCHIVE_FILES} files`);
      }
    }
  })();
  try {
    await Promise.all([pipeline(Readable.from([archive]), createGunzip(), extract), reading]);
  } catch (error) {
    extract.destroy();
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`not a readable .tar.gz: ${(error as Error).message}`);
  }
  // Strip one top-level folder when every entry has the same one (`<slug>/problem.json`…).
  const tops = new Set(entries.map((entry) => entry.name.split('/')[0]));
  const strip = tops.size === 1 && entries.every((entry) => entry.name.includes('/'));
  return new Map(
    entries.map((entry) => [
      strip ? entry.name.slice(entry.name.indexOf('/') + 1) : entry.name,
      entry.content,
    ]),
  );
}
