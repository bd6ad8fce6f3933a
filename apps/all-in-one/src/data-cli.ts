// `npm run data:backup [-- <folder>]` and `npm run data:restore -- <backup>`: copies of the embedded
// database's folder (.data/pglite, or CORAZY_DATA_DIR), taken and put back only while no instance
// holds it (the copy of a live PGlite folder is not a consistent database).
import { cpSync, existsSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { embeddedDataDir } from '@corazy/database';
import { DataFolderInUseError, lockDataFolder } from './data-folder.js';

const [command, argument] = process.argv.slice(2);
const folder = embeddedDataDir();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}

if (command !== 'backup' && command !== 'restore')
  fail('usage: data-cli backup [<folder>] | restore <backup folder>');
if (command === 'restore' && !argument) fail('which backup? npm run data:restore -- <backup folder>');

let lock;
try {
  lock = lockDataFolder(folder, `npm run data:${command}`);
} catch (error) {
  if (error instanceof DataFolderInUseError) fail(error.message);
  throw error;
}
try {
  if (command === 'backup') {
    if (!existsSync(join(folder, 'PG_VERSION'))) fail(`no embedded database in ${folder} to back up`);
    const target = resolve(argument ?? join(dirname(folder), 'backups', `pglite-${stamp}`));
    if (existsSync(target)) fail(`${target} exists already`);
    cpSync(folder, target, { recursive: true });
    console.log(`✓ backed up ${folder} to ${target}`);
  } else {
    const source = resolve(argument!);
    if (!existsSync(join(source, 'PG_VERSION'))) fail(`${source} is not a backup of the embedded database`);
    const previous = `${folder}.before-restore-${stamp}`;
    if (existsSync(folder)) renameSync(folder, previous);
    cpSync(source, folder, { recursive: true });
    console.log(
      `✓ restored ${source} into ${folder}${existsSync(previous) ? ` (what was there is in ${previous})` : ''}`,
    );
  }
} finally {
  lock.release();
}
