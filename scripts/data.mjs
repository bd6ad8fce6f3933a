// `npm run data:backup [-- <folder>]` / `npm run data:restore -- <backup>`: builds, then copies the
// embedded database's folder out or back in (apps/all-in-one/src/data-cli.ts), never while it runs.
import { build, ensureDependencies, root, run } from './lib.mjs';

ensureDependencies();
build();
run(process.execPath, [`${root}/apps/all-in-one/dist/data-cli.js`, ...process.argv.slice(2)]);
