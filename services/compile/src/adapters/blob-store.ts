import { gunzipSync, gzipSync } from 'node:zlib';
import type { Queryable } from '@corazy/database';
import { sha256 } from '../domain/problem-folder.js';

/** Below this size compression saves too little to be worth the CPU of undoing it. */
const COMPRESS_FROM_BYTES = 512;

interface BlobRow {
  hash: string;
  encoding: 'identity' | 'gzip';
  data: Uint8Array;
}

/**
 * Test data and other problem files in `compile.blobs`, gzip-compressed and addressed by the SHA-256
 * of their contents. Contents never change under a hash, so a read cache never goes stale; it is
 * bounded in bytes because tests of a few problems can weigh megabytes, and every submission of a
 * problem reads all of its tests.
 */
export class BlobStore {
  private readonly cache = new Map<string, Buffer>();
  private cachedBytes = 0;

  constructor(private readonly cacheBytes: number) {}

  /** Stores what is not stored yet; returns the hash of each content, in order. */
  async put(tx: Queryable, contents: readonly Buffer[]): Promise<string[]> {
    const hashes = contents.map((content) => sha256(content));
    const unique = new Map(hashes.map((hash, index) => [hash, contents[index]!]));
    // KEY SHARE: a concurrent deleteUnreferenced cannot remove a blob this transaction is about to
    // refer to (it waits, then fails on the foreign key instead of leaving a dangling reference).
    const present = await tx.query<{ hash: string }>(
      'SELECT hash FROM compile.blobs WHERE hash = ANY($1) FOR KEY SHARE',
      [[...unique.keys()]],
    );
    for (const { hash } of present) unique.delete(hash);
    for (const [hash, content] of unique) {
      const compressed = content.length >= COMPRESS_FROM_BYTES ? gzipSync(content, { level: 6 }) : undefined;
      const useGzip = compressed !== undefined && compressed.length < content.length;
      await tx.query(
        `INSERT INTO compile.blobs (hash, size, encoding, data) VALUES ($1, $2, $3, $4)
         ON CONFLICT (hash) DO NOTHING`,
        [hash, content.length, useGzip ? 'gzip' : 'identity', useGzip ? compressed : content],
      );
    }
    return hashes;
  }

  async get(db: Queryable, hashes: readonly string[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    const missing: string[] = [];
    for (const hash of new Set(hashes)) {
      const cached = this.cache.get(hash);
      if (cached) {
        // Re-inserting moves the entry to the end: the Map's order is the eviction order.
        this.cache.delete(hash);
        this.cache.set(hash, cached);
        found.set(hash, cached);
      } else missing.push(hash);
    }
    if (missing.length > 0) {
      const rows = await db.query<BlobRow>(
        'SELECT hash, encoding, data FROM compile.blobs WHERE hash = ANY($1)',
        [missing],
      );
      for (const row of rows) {
        const raw = Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
        const content = row.encoding === 'gzip' ? gunzipSync(raw) : Buffer.from(raw);
        found.set(row.hash, content);
        this.remember(row.hash, content);
      }
    }
    return found;
  }

  /**
   * Deletes those of `hashes` that nothing refers to any more. Run in the transaction that dropped
   * the references, after taking them out.
   */
  async deleteUnreferenced(tx: Queryable, hashes: readonly string[]): Promise<void> {
    if (hashes.length === 0) return;
    await tx.query(
      `DELETE FROM compile.blobs b WHERE b.hash = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM compile.test_cases t WHERE t.input_hash = b.hash OR t.output_hash = b.hash)
         AND NOT EXISTS (SELECT 1 FROM compile.problem_files f WHERE f.blob_hash = b.hash)`,
      [[...new Set(hashes)]],
    );
  }

  private remember(hash: string, content: Buffer) {
    if (content.length > this.cacheBytes / 4) return;
    this.cache.set(hash, content);
    this.cachedBytes += content.length;
    for (const [oldest, value] of this.cache) {
      if (this.cachedBytes <= this.cacheBytes) break;
      this.cache.delete(oldest);
      this.cachedBytes -= value.length;
    }
  }
}
