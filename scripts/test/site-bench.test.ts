// The site bench's runner: exit code, output and wall time of a real command, and the CPU time of every process it
// started (read from the reporting shell's /proc stat once the command has exited).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  benchRunner,
  childrenCpuMs,
  doxyfile,
  formatSiteBench,
  pairRatios,
  type SiteBenchResult,
} from '../bench/site.ts';

const linux = process.platform === 'linux';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'uklab-site-bench-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('childrenCpuMs', () => {
  it('reads cutime + cstime after a command name holding spaces and parentheses', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
    const stat = '4242 (sh (x) y) S 1 4242 4242 0 -1 4194560 10 20 0 0 3 4 150 25 20 0 1 0 100 1000 200';
    expect(childrenCpuMs(`100 ${stat}`)).toBe(1750);
    expect(childrenCpuMs(`250 ${stat}`)).toBe(700);
    expect(childrenCpuMs('garbage')).toBeNull();
  });
});

describe.runIf(linux)('benchRunner', () => {
  it('passes exit code, output and working directory through, and counts the CPU time of grandchildren', async () => {
    // The command starts a node that burns 400 ms of CPU (measured by CPU time, not wall time: on a loaded machine
    // a wall-clock loop gets less CPU), then prints where it ran and exits 3.
    const burn = 'const t=process.cpuUsage();while(process.cpuUsage(t).user<400000);console.log(process.cwd())';
    const r = await benchRunner('sh', ['-c', `"${process.execPath}" -e '${burn}'; exit 3`], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.out.trim()).toBe(dir);
    expect(r.ms).toBeGreaterThanOrEqual(350); // wall time covers the burn (other threads of node may add CPU)
    expect(r.cpuMs).not.toBeNull();
    // At least the burn (clock ticks are 10 ms; the shell and node's start add more).
    expect(r.cpuMs!).toBeGreaterThanOrEqual(380);
    expect(r.cpuMs!).toBeLessThan(r.ms * 4 + 100);
  });

  it('reports a command that cannot start with exit 127 and no CPU figure it did not measure', async () => {
    const r = await benchRunner('uklab-no-such-command', [], { cwd: dir });
    expect(r.code).toBe(127);
    const idle = await benchRunner('true', [], { cwd: dir });
    expect(idle.code).toBe(0);
    expect(idle.cpuMs!).toBeLessThan(200);
  });
});

describe('doxyfile', () => {
  it('documents exactly the given files with call and caller graphs drawn by dot', () => {
    const text = doxyfile(['/t/a.c', '/t/b c.h'], '/out');
    expect(text).toContain('INPUT = "/t/a.c" \\\n        "/t/b c.h"');
    for (const k of ['HAVE_DOT = YES', 'CALL_GRAPH = YES', 'CALLER_GRAPH = YES', 'OUTPUT_DIRECTORY = "/out"'])
      expect(text).toContain(k);
  });
});

describe('formatSiteBench', () => {
  it('prints the medians with their ranges and the ratio of each back-to-back pair', () => {
    const r: SiteBenchResult = {
      tree: '/t',
      origin: 'explicit',
      libraries: ['a'],
      sourceFiles: 3,
      pages: 10,
      runs: 3,
      analyzeMs: null,
      siteBuildMs: 9000,
      doxygenMs: 8000,
      siteBuildCpuMs: null,
      doxygenCpuMs: null,
      doxygenError: null,
      ratio: 9000 / 8000,
      siteBuildRunsMs: [9000, 8000, 10000],
      doxygenRunsMs: [8000, 10000, 8000],
    };
    expect(pairRatios(r)).toEqual([1.125, 0.8, 1.25]);
    const text = formatSiteBench(r).join('\n');
    expect(text).toContain('astro build 9.00 s (median of 3, 8.00 s–10.00 s)');
    expect(text).toContain('doxygen with call/caller graphs 8.00 s (median of 3, 8.00 s–10.00 s)');
    expect(text).toContain('ratio 1.13 (goal missed: slower)');
    expect(text).toContain('pair: 1.13 0.80 1.25');
  });
});
