// Prints vitest's JSON results as one closing line, "N passed, N failed, N skipped"; exits 1 on any failure.
import { readFileSync } from 'node:fs';

let results;
try {
  results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const failedSuites = results.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
const failed = results.numFailedTests + failedSuites;
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || results.numPassedTests === 0 ? 1 : 0);
