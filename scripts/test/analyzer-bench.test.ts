// The analyzer bench's report: the single-thread floor and the line that judges the target.
import { describe, expect, it } from 'vitest';
import { formatAnalyzerBench, oneThreadFloor, type AnalyzerBenchResult } from '../bench/analyzer.ts';

const result = (over: Partial<AnalyzerBenchResult> = {}): AnalyzerBenchResult => ({
  root: '/t',
  origin: 'explicit',
  libraries: 2,
  files: 10,
  bytes: 1e6,
  rounds: 3,
  analysisMs: 2000,
  rawParseMs: 400,
  ratio: 5,
  analysisCpuMs: 2400,
  rawParseCpuMs: 400,
  cpuRatio: 6,
  stages: {
    discover: 100,
    read: 80,
    decode: 20,
    macros: 5,
    parse: 600,
    extract: 250,
    callgraph: 900,
    assemble: 50,
    validate: 60,
    write: 100,
  },
  parallelParse: { threads: 2, oneThreadMs: 400, parallelMs: 250, speedup: 1.6 },
  jobs: null,
  ...over,
});

describe('analyzer bench report', () => {
  it('gives the one-thread floor: discover, read, decode, a raw parse and the write, over the raw parse', () => {
    expect(oneThreadFloor(result())).toBeCloseTo((100 + 80 + 20 + 400 + 100) / 400);
    const lines = formatAnalyzerBench(result()).join('\n');
    expect(lines).toContain('one-thread floor (discover + read + decode + raw parse + write, nothing analysed): 1.75×');
    expect(lines).toMatch(/ratio analysis \/ raw parse: 5\.00 \(target ≤ 1\.5\) MISSED$/);
  });

  it('judges the target on the better of one thread and --jobs auto', () => {
    const r = result({ jobs: { threads: 2, analysisMs: 560, ratio: 1.4 } });
    expect(formatAnalyzerBench(r).at(-1)).toMatch(/1\.40 \(the better of one thread and --jobs auto\).* OK$/);
  });
});
