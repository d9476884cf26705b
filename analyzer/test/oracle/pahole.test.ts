// Oracle: gcc compiles the sample tree with -g, pahole reads the struct layouts back from DWARF, and every struct of
// the model must have exactly the fields (names, order, nested anonymous aggregates) the compiler saw, per guard
// configuration. Skips only when gcc or pahole is missing (CI installs `dwarves`).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../../model/schema.ts';
import { sampleTreeModel } from '../sample-tree-model.ts';
import { SAMPLE_TREE } from '../../source/resolve-source.ts';
import { execRunner } from '../../source/run-command.ts';
import { tmpDir } from '../source/git-fixtures.ts';
import { guardHolds } from './evaluate-guard.ts';
import { compareStructs } from './compare-structs.ts';
import { compareAttributes } from './compare-attributes.ts';
import { parsePahole, type PaholeStruct } from './parse-pahole.ts';

const have = async (cmd: string) => (await execRunner(cmd, ['--version'])).code === 0;
const tools = (await have('gcc')) && (await have('pahole'));
if (!tools) console.warn('pahole oracle skipped: `gcc` or `pahole` is missing (apt-get install gcc dwarves).');

/** Guard configurations compiled; the second turns on every CONFIG the sample tree tests, the first none. */
const CONFIGS: Record<string, Record<string, number>> = {
  'all guards off': {},
  'all guards on': {
    CONFIG_LIBUKSCHED_STATS: 1,
    CONFIG_LIBUKLOCK_MUTEX_METRICS: 1,
    CONFIG_LIBPOSIX_PROCESS_CLONE: 1,
    CONFIG_LIBPOSIX_FUTEX_BITSET: 1,
  },
};

/** Compiles every .c file and one TU including every header of the model, then runs `pahole -I` on each object. */
async function compileAndRead(model: Model, defines: Record<string, number>): Promise<PaholeStruct[]> {
  const dir = await tmpDir('ukl-pahole-');
  const headers = model.files.filter((f) => f.path.endsWith('.h')).map((f) => f.path);
  const tu = join(dir, 'all-headers.c');
  await writeFile(tu, headers.map((h) => `#include "${h}"\n`).join(''));
  const includeDirs = [
    '.',
    'include',
    'arch/x86_64/include',
    'plat/common/include',
    ...model.files.map((f) => /^(lib\/[^/]+\/include)\//.exec(f.path)?.[1]).filter((d): d is string => !!d),
  ];
  const flags = [
    '-std=gnu11',
    '-ffreestanding',
    '-fno-eliminate-unused-debug-types',
    '-g',
    '-O0',
    '-c',
    '-w',
    ...[...new Set(includeDirs)].map((d) => `-I${d}`),
    ...Object.entries(defines).map(([k, v]) => `-D${k}=${v}`),
  ];
  const units = [tu, ...model.files.filter((f) => f.path.endsWith('.c')).map((f) => f.path)];
  const structs: PaholeStruct[] = [];
  for (const [n, unit] of units.entries()) {
    const obj = join(dir, `${n}.o`);
    const local = unit.startsWith('/') ? [] : [`-I${unit.replace(/\/[^/]+$/, '')}`];
    const cc = await execRunner('gcc', [...flags, ...local, '-o', obj, unit], { cwd: SAMPLE_TREE });
    expect(cc.stderr, `gcc ${unit}`).toBe('');
    expect(cc.code).toBe(0);
    const ph = await execRunner('pahole', ['-I', obj]);
    expect(ph.code).toBe(0);
    structs.push(...parsePahole(ph.stdout).map((s) => ({ ...s, file: s.file.replace(/^\.\//, '') })));
  }
  return structs;
}

describe.skipIf(!tools)('pahole oracle over the sample tree', () => {
  let model: Model;
  beforeAll(async () => {
    model = await sampleTreeModel();
  });

  for (const [label, defines] of Object.entries(CONFIGS)) {
    it(`every struct has the compiler's fields, ${label}`, async () => {
      const compiled = await compileAndRead(model, defines);
      const files = new Set(model.files.map((f) => f.path));
      const { mismatches, compared } = compareStructs(model, compiled, defines, files);
      expect(mismatches, mismatches.join('\n')).toEqual([]);
      expect(compared).toBeGreaterThan(20);
      // uk_rwlock's aligned(64), uk_ticketlock's packed, and uk_ticketlock_stats' aligned(16) member and struct.
      const attributes = compareAttributes(model, compiled, defines, files);
      expect(attributes.mismatches, attributes.mismatches.join('\n')).toEqual([]);
      expect(attributes.checked).toBeGreaterThanOrEqual(4);
    });
  }

  it('compares both branches of the uk_futex guard twin', async () => {
    const twins = model.structs.filter((s) => s.name === 'uk_futex');
    expect(twins).toHaveLength(2);
    const withBitset = (defs: Record<string, number>) =>
      twins.filter((s) => guardHolds(s.guard, defs)).map((s) => s.fields.map((f) => f.name).includes('bitset'));
    expect(withBitset(CONFIGS['all guards off'] as Record<string, number>)).toEqual([false]);
    expect(withBitset(CONFIGS['all guards on'] as Record<string, number>)).toEqual([true]);
  });
});
