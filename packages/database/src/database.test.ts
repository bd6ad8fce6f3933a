import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { connectPostgres } from './postgres.js';
import { createTestDatabase } from './testing.js';

/** The same contract, proven against the real server and the embedded engine. */
const engines: [string, () => Promise<{ db: Database; dispose: () => Promise<void> }>][] = [
  [
    'postgres',
    async () => {
      const target = await createTestDatabase('db_contract');
      const db = connectPostgres(target.url);
      return { db, dispose: async () => (await db.close(), await target.drop()) };
    },
  ],
  ['pglite', async () => ({ db: await openPglite(), dispose: async () => undefined })],
];

describe.each(engines)('Database on %s', (_name, open) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let migrations: string;

  beforeAll(async () => {
    ({ db, dispose } = await open());
    migrations = await mkdtemp(join(tmpdir(), 'migrations-'));
    await writeFile(
      join(migrations, '001_items.sql'),
      `CREATE TABLE contract.items (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
       CREATE INDEX items_name ON contract.items (name);`,
    );
    await writeFile(join(migrations, '002_price.sql'), `ALTER TABLE contract.items ADD COLUMN price int;`);
  });
  afterAll(async () => {
    await dispose();
    await rm(migrations, { recursive: true });
  });

  it('applies each migration once, even when replicas migrate at the same time', async () => {
    const runs = await Promise.all([
      migrate(db, 'contract', migrations),
      migrate(db, 'contract', migrations),
    ]);
    expect(runs.flat().sort()).toEqual(['001_items', '002_price']);
    expect(await migrate(db, 'contract', migrations)).toEqual([]);
  });

  it('passes parameters and returns rows', async () => {
    const rows = await db.query<{ id: number; name: string }>(
      'INSERT INTO contract.items (name, price) VALUES ($1, $2) RETURNING id, name',
      ['kimchi', 3000],
    );
    expect(rows).toEqual([{ id: expect.any(Number) as number, name: 'kimchi' }]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO contract.items (name) VALUES ($1)', ['tteok']);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO contract.items (name) VALUES ($1)', ['mandu']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const names = await db.query<{ name: string }>('SELECT name FROM contract.items ORDER BY id');
    expect(names.map((row) => row.name)).toEqual(['kimchi', 'tteok']);
  });

  it('surfaces constraint violations with the PostgreSQL error code', async () => {
    await expect(db.query('INSERT INTO contract.items (name) VALUES ($1)', ['kimchi'])).rejects.toMatchObject(
      {
        code: '23505',
      },
    );
  });

  it('answers a ping', async () => {
    await expect(db.ping()).resolves.toBeUndefined();
  });
});

describe('the embedded engine on disk', () => {
  it('creates its data directory, parents included, and finds its data there again', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pglite-'));
    const dataDir = join(root, '.data', 'pglite');
    try {
      const first = await openPglite(dataDir);
      await first.execute('CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');
      await first.close();
      const again = await openPglite(dataDir);
      expect(await again.query('SELECT id FROM kept')).toEqual([{ id: 7 }]);
      await again.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
