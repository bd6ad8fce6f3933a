import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
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
  return (await unpackArchive(archive)).files;
}

/**
 * A .tar.gz or a .zip, with the name of the one top-level folder every entry sat in (stripped), if
 * there was one: a Kattis package is named by its folder.
 */
export async function unpackArchive(archive: Buffer): Promise<{ files: FolderFiles; folder?: string }> {
  const entries = isZip(archive) ? unzipEntries(archive) : await untarEntries(archive);
  // Strip one top-level folder when every entry has the same one (`<slug>/problem.json`…).
  const tops = new Set(entries.map((entry) => entry.name.split('/')[0]));
  const strip = tops.size === 1 && entries.every((entry) => entry.name.includes('/'));
  const files: FolderFiles = new Map(
    entries.map((entry) => [
      strip ? entry.name.slice(entry.name.indexOf('/') + 1) : entry.name,
      entry.content,
    ]),
  );
  return { files, ...(strip && { folder: [...tops][0] }) };
}

const isZip = (archive: Buffer) => archive.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'));

function unzipEntries(archive: Buffer): { name: string; content: Buffer }[] {
  let total = 0;
  let count = 0;
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(archive, {
      // The sizes the zip's directory declares are checked before anything is inflated, so a bomb
      // is refused cheaply; fflate inflates each file into a buffer of its declared size.
      filter: (file) => {
        total += file.originalSize;
        count += 1;
        if (total > MAX_ARCHIVE_BYTES)
          throw new ArchiveError(`the archive holds more than ${MAX_ARCHIVE_BYTES} bytes`);
        if (count > MAX_ARCHIVE_FILES)
          throw new ArchiveError(`the archive holds more than ${MAX_ARCHIVE_FILES} files`);
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`not a readable .zip: ${(error as Error).message}`);
  }
  return Object.entries(unpacked).map(([name, content]) => ({
    name: name.replace(/^\.\//, ''),
    content: Buffer.from(content),
  }));
}

async function untarEntries(archive: Buffer): Promise<{ name: string; content: Buffer }[]> {
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
  return entries;
}
