/**
 * `npm test`: type-check, lint (`npm run lint`: ESLint and Prettier's check), unit tests, the API suite on
 * SQLite and on PostgreSQL, and the browser tests in Chromium; ends with one line "N passed, N failed"
 * summed over every run.
 *
 * PostgreSQL: uses TEST_DATABASE_URL if set, otherwise starts a throwaway cluster with
 * scripts/pg-throwaway.sh. Chromium: /usr/bin/chromium (or CHROMIUM_PATH). Outside CI a missing
 * PostgreSQL or Chromium skips that run with a notice; in CI (CI=true) it is a failure.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const inCI = process.env.CI === 'true';
let passed = 0;
let failed = 0;
let skipped = 0;
const notes: string[] = [];
/** Each failed test by name, printed again in the summary so the end of a long log says what failed. */
const failures: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'rt-results-'));

function vitest(name: string, project: string, env: Record<string, string> = {}, extra: string[] = []) {
  const out = join(tmp, `${name}.json`);
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
      ...extra,
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    },
  );
  if (!existsSync(out)) {
    failed += 1;
    notes.push(`${name}: vitest produced no result (exit ${r.status})`);
    return;
  }
  const res = JSON.parse(readFileSync(out, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numTotalTestSuites: number;
    testResults: {
      name: string;
      status: string;
      message?: string;
      assertionResults?: { status: string; fullName: string; failureMessages?: string[] }[];
    }[];
  };
  // A suite that failed to load (syntax error, failing beforeAll) has no failed tests but did fail.
  const brokenFiles = res.testResults.filter((t) => t.status === 'failed' && !res.numFailedTests).length;
  passed += res.numPassedTests;
  failed += res.numFailedTests + brokenFiles;
  skipped += res.numPendingTests + res.numTodoTests;
  if (r.status !== 0 && res.numFailedTests + brokenFiles === 0) {
    failed += 1;
    notes.push(`${name}: vitest exited ${r.status}`);
  }
  notes.push(`${name}: ${res.numPassedTests} passed, ${res.numFailedTests + brokenFiles} failed`);
  for (const file of res.testResults) {
    const where = relative(process.cwd(), file.name);
    const bad = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of bad) failures.push(`${name}: ${where} > ${t.fullName}\n      ${firstLine(t.failureMessages?.[0])}`);
    if (file.status === 'failed' && bad.length === 0)
      failures.push(`${name}: ${where}\n      ${firstLine(file.message)}`);
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n')[0]?.slice(0, 300) ?? '';
}

function skipOrFail(what: string) {
  if (inCI) {
    failed += 1;
    notes.push(`${what}: not available in CI — counted as a failure`);
  } else {
    notes.push(`${what}: skipped (not available on this machine)`);
  }
}

// 1. Type-check the whole package.
console.log('=== typecheck ===');
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
if (tsc.status === 0) {
  passed += 1;
  notes.push('typecheck: passed');
} else {
  failed += 1;
  notes.push('typecheck: FAILED');
}

// 2. Lint: ESLint with no warnings allowed, then Prettier's check (`npm run lint`).
console.log('\n=== lint ===');
const lint = spawnSync('npm', ['run', '--silent', 'lint'], { stdio: 'inherit' });
if (lint.status === 0) {
  passed += 1;
  notes.push('lint: passed');
} else {
  failed += 1;
  notes.push('lint: FAILED');
}

// 3. Unit tests (pure code).
vitest('unit', 'unit');

// 4. API suite on SQLite.
vitest('api (SQLite)', 'api', { TEST_DATABASE_URL: '' });

// 5. API suite on PostgreSQL.
let pgDir: string | null = null;
let pgUrl = process.env.TEST_DATABASE_URL ?? '';
if (!pgUrl) {
  try {
    const out = execFileSync('bash', ['scripts/pg-throwaway.sh'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    const [port, dir] = out.split(/\s+/);
    pgDir = dir ?? null;
    pgUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  } catch {
    pgUrl = '';
  }
}
try {
  if (pgUrl) vitest('api (PostgreSQL)', 'api', { TEST_DATABASE_URL: pgUrl });
  else skipOrFail('api (PostgreSQL)');
} finally {
  if (pgDir) spawnSync('bash', ['scripts/pg-throwaway.sh', 'stop', pgDir], { stdio: 'inherit' });
}

// 6. Browser tests (build the SPA first).
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  console.log('\n=== build web ===');
  const b = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
  if (b.status !== 0) {
    failed += 1;
    notes.push('build:web FAILED');
  } else {
    vitest('e2e (Chromium)', 'e2e', { TEST_DATABASE_URL: '', CHROMIUM_PATH: chromium });
  }
} else {
  skipOrFail('e2e (Chromium)');
}

console.log('\n=== summary ===');
for (const n of notes) console.log(`  ${n}`);
if (failures.length) {
  console.log('failed tests:');
  for (const f of failures) console.log(`  ${f}`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
