// node deploy/ci/validate.mjs <dev|prod> <rendered.yaml>: schema-validates every object of a rendered overlay and
// checks the policies (lib/policy.mjs). Exits 1 with the list of problems.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { checkPolicies, EXPECTATIONS } from './lib/policy.mjs';
import { validateObject } from './lib/schemas.mjs';

const [expectation, file] = process.argv.slice(2);
if (!EXPECTATIONS[expectation] || !file) {
  console.error(`usage: validate.mjs <${Object.keys(EXPECTATIONS).join('|')}> <rendered.yaml>`);
  process.exit(2);
}
const documents = parseAllDocuments(readFileSync(file, 'utf8'));
const parseErrors = documents.flatMap((d) => d.errors.map((e) => `YAML: ${e.message}`));
const objects = documents.map((d) => d.toJS()).filter((o) => o !== null);
const schemaProblems = (await Promise.all(objects.map(validateObject))).flat();
const policyProblems = checkPolicies(objects, EXPECTATIONS[expectation]);
const problems = [...parseErrors, ...schemaProblems, ...policyProblems];
const kinds = {};
for (const o of objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
console.log(
  `${file}: ${objects.length} objects (${Object.entries(kinds)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ')})`,
);
for (const p of problems) console.log(`  ✗ ${p}`);
console.log(problems.length === 0 ? '  ✓ schemas and policies' : `  ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
