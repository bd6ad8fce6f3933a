// Builds the native helper ahead of time (e.g. in the worker's image) so probe() never needs gcc at runtime.
import { ensureHelper } from './native-helper.js';

const result = await ensureHelper();
if (result.problem) {
  console.error(result.problem);
  process.exitCode = 1;
} else {
  console.log(`${result.built ? 'built' : 'up to date'}: ${result.path}`);
}
