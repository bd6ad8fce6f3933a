// Writes the Prometheus config of prometheus-smoke.sh: deploy/compose/prometheus/prometheus.yml (the project's
// scrape config) with each job's target rewritten to the local process, jobs of services not running dropped,
// the rule file pointed at the extracted rules, and short intervals so that the smoke takes a minute or two.
//   smoke-prometheus-config.mjs <out.yml> <rules.yaml> <job=host:port>...
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

const [output, rules, ...mappings] = process.argv.slice(2);
const targets = Object.fromEntries(mappings.map((m) => m.split('=')));
const config = parse(
  readFileSync(new URL('../../compose/prometheus/prometheus.yml', import.meta.url), 'utf8'),
);
config.global = { ...config.global, scrape_interval: '2s', scrape_timeout: '1s', evaluation_interval: '2s' };
config.rule_files = [rules];
config.scrape_configs = config.scrape_configs
  .filter((job) => targets[job.job_name])
  .map((job) => ({
    ...job,
    static_configs: job.static_configs.map((s) => ({ ...s, targets: [targets[job.job_name]] })),
  }));
writeFileSync(output, stringify(config));
console.log(
  `  jobs: ${config.scrape_configs.map((j) => `${j.job_name} → ${j.static_configs[0].targets[0]}`).join(', ')}`,
);
