// The bench's parallel-parse probe really parses in worker threads and reports times it measured.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureParallelParse } from '../bench/parallel-parse.ts';

const SAMPLE = resolve(import.meta.dirname, '../../analyzer/fixtures/sample-tree/lib/uksched');

describe('measureParallelParse', () => {
  it('parses the same texts on one thread and on two, and reports both times', async () => {
    const texts = readdirSync(SAMPLE)
      .filter((f) => f.endsWith('.c'))
      .map((f) => readFileSync(join(SAMPLE, f), 'utf8'));
    expect(texts.length).toBeGreaterThan(1);
    const r = await measureParallelParse(texts, 2);
    expect(r.threads).toBe(2);
    expect(r.oneThreadMs).toBeGreaterThan(0);
    expect(r.parallelMs).toBeGreaterThan(0);
    expect(r.speedup).toBeCloseTo(r.oneThreadMs / r.parallelMs, 6);
  });
});
