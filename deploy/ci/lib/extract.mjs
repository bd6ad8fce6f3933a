// Writes the plain files promtool and amtool read, from the manifests that hold them:
//   extract.mjs rules <PrometheusRule.yaml> <out.yaml>          spec of a PrometheusRule → a rule file
//   extract.mjs alertmanager <kube-prometheus-stack values> <out.yaml>   .alertmanager.config → alertmanager.yml
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

const [what, input, output] = process.argv.slice(2);
const document = parse(readFileSync(input, 'utf8'));
let result;
if (what === 'rules') {
  if (document?.kind !== 'PrometheusRule') throw new Error(`${input} is not a PrometheusRule`);
  result = document.spec;
} else if (what === 'alertmanager') {
  result = document?.alertmanager?.config;
  if (!result) throw new Error(`${input} has no alertmanager.config`);
} else {
  throw new Error('usage: extract.mjs rules|alertmanager <input> <output>');
}
writeFileSync(output, stringify(result, { lineWidth: 0 }));
