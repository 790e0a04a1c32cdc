import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'server', 'engines', 'b2b', 'cli.ts');

function run(args: string[]) {
  return spawnSync(TSX, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
}

const dir = mkdtempSync(join(tmpdir(), 'b2b-cli-'));
const small = join(dir, 'small.dzn');
writeFileSync(
  small,
  `nBusiness = 4; nMeetings = 3; nTables = 2; nTotalSlots = 3; nMorningSlots = 3;
requested = [| 1, 2, 3 | 1, 3, 3 | 1, 4, 3 |];
forbidden = [{0}, {0}, {0}, {0}];
fixed = [0, 0, 0];
precedences = [{}, {}, {}];
`,
);
const infeasible = join(dir, 'infeasible.dzn');
writeFileSync(
  infeasible,
  `nBusiness = 3; nMeetings = 2; nTables = 2; nTotalSlots = 1; nMorningSlots = 1;\nrequested = [| 1, 2, 3 | 1, 3, 3 |];\n`,
);
const broken = join(dir, 'broken.dzn');
writeFileSync(broken, `nBusiness = 3;\nnMeetings = 2\nnTables = 2;`);

describe('schedule:dzn CLI', { timeout: 60_000 }, () => {
  it('prints one JSON object with 1-based slots', () => {
    const r = run([small, '--time-limit', '1', '--seed', '3']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(
      ['breaks', 'exact', 'feasible', 'gap', 'lower_bound', 'proved_optimal', 'seconds', 'slots'].sort(),
    );
    expect(out.feasible).toBe(true);
    expect([...(out.slots as number[])].sort()).toEqual([1, 2, 3]);
    expect(out.breaks).toBe(0);
    expect(out.proved_optimal).toBe(true);
    expect(out.gap).toBe(0);
    expect(r.stdout.trim().split('\n').length).toBe(1);
  });

  it('reports infeasible instances with reasons and exit code 0', () => {
    const r = run([infeasible, '--time-limit', '1']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      feasible: boolean;
      reasons: string[];
      proved_infeasible: boolean;
      slots: number[];
    };
    expect(out.feasible).toBe(false);
    expect(out.proved_infeasible).toBe(true);
    expect(out.reasons.join(' ')).toMatch(/participant 1 has 2 meetings but only 1 allowed slots/);
    expect(out.slots.filter((s) => s === 0).length).toBe(1);
  });

  it('fails with a message on bad arguments or malformed files', () => {
    const bad = run([small, '--time-limit', 'abc']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--time-limit/);
    const missing = run([join(dir, 'nope.dzn')]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/cannot read/);
    const malformed = run([broken]);
    expect(malformed.status).not.toBe(0);
    expect(malformed.stderr).toMatch(/line 3/);
    expect(malformed.stdout).toBe('');
  });
});
