// `npm test`: lint and format check, typecheck, build, then every test (vitest: unit and
// integration; Playwright: end to end in Chromium), and one summary line that counts them all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const steps = [
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  ['typecheck (node)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['typecheck (web)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.web.json']],
  ['build', 'node', ['scripts/build.mjs']],
  [
    'unit and integration tests (vitest)',
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest-results.json',
    ],
  ],
  ['end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test']],
];

fs.rmSync('test-results', { recursive: true, force: true });
const failedSteps = [];
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}`);
  const run = spawnSync(command, args, { stdio: 'inherit' });
  if (run.status !== 0) {
    failedSteps.push(name);
    // Without a clean build, the tests would only repeat the same failure.
    if (['typecheck (node)', 'typecheck (web)', 'build'].includes(name)) break;
  }
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const skipped = [];
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
const vitest = readJson('test-results/vitest-results.json');
if (vitest) {
  counts.passed += vitest.numPassedTests;
  counts.failed += vitest.numFailedTests;
  counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
  for (const file of vitest.testResults) {
    for (const t of file.assertionResults)
      if (t.status === 'skipped' || t.status === 'pending') skipped.push(t.fullName);
  }
}
const playwright = readJson('test-results/playwright-results.json');
if (playwright) {
  counts.passed += playwright.stats.expected + playwright.stats.flaky;
  counts.failed += playwright.stats.unexpected;
  counts.skipped += playwright.stats.skipped;
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status === 'skipped') {
          const why = t.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
          skipped.push(`${spec.title} — ${why}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  playwright.suites.forEach(walk);
}

console.log('\n=== summary');
for (const s of skipped) console.log(`skipped: ${s}`);
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failedSteps.length > 0 || counts.failed > 0 ? 1 : 0);
