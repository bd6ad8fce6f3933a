/**
 * Preloaded into the relays and gateways when BENCH_PROFILE_DIR is set (node --cpu-prof cannot go in
 * NODE_OPTIONS): samples the process from start to exit and writes `<service>-<pid>.cpuprofile` into
 * CPU_PROFILE_DIR, for Chrome DevTools or any .cpuprofile viewer.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.start');
const service = /services\/([^/]+)\//.exec(process.argv[1] ?? '')?.[1] ?? 'node';
process.on('exit', () => {
  // An in-process inspector session answers synchronously, so the profile is written before exit.
  session.post('Profiler.stop', (error, result) => {
    if (!error)
      writeFileSync(
        `${process.env.CPU_PROFILE_DIR}/${service}-${process.pid}.cpuprofile`,
        JSON.stringify(result.profile),
      );
  });
});
