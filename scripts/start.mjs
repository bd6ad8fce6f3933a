// `npm start`: installs what is missing, builds, and runs the whole platform on http://localhost:8080
// (PORT overrides). Without DATABASE_URL / REDIS_URL it uses the embedded stand-ins.
import { build, buildWebApp, ensureDependencies, root, runForeground } from './lib.mjs';

ensureDependencies();
build();
buildWebApp();
runForeground(process.execPath, [`${root}/apps/all-in-one/dist/main.js`]);
