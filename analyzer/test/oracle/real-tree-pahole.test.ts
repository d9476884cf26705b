// Opt-in oracle on a real Unikraft checkout: UNIKRAFTLAB_ORACLE_TREE=/path/to/unikraft npx vitest run
// analyzer/test/oracle/real-tree-pahole.test.ts. Unikraft needs its generated configuration to compile, so the test
// writes one from the tree's own Config.uk defaults (plus the five libraries switched on), compiles every C file and
// every header of the five libraries on its own with gcc -g, reads the structs back with pahole, and requires each
// struct of the model in a file that compiled to have exactly the compiler's fields. Files that need a libc header
// the tree does not ship (musl is fetched by Unikraft's build) are listed, not compared. Skipped without the variable.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../../model/schema.ts';
import { buildModel } from '../../build-model.ts';
import { execRunner } from '../../source/run-command.ts';
import { DEFAULT_LIBS } from '../../uk/discover-libraries.ts';
import { parseConfigUk } from '../../uk/parse-config-uk.ts';
import { tmpDir } from '../source/git-fixtures.ts';
import { compareStructs } from './compare-structs.ts';
import { compareAttributes } from './compare-attributes.ts';
import { guardHolds } from './evaluate-guard.ts';
import { parsePahole, type PaholeStruct } from './parse-pahole.ts';

const TREE = process.env.UNIKRAFTLAB_ORACLE_TREE;
const have = async (cmd: string) => (await execRunner(cmd, ['--version'])).code === 0;
const tools = (await have('gcc')) && (await have('pahole'));

async function configFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name === 'Config.uk').map((e) => join(e.parentPath, e.name));
}

/**
 * `#define` lines and their values: the options in `on` switched on, then every option's unconditional default, then
 * the five libraries switched on.
 */
async function generatedConfig(
  root: string,
  on: string[] = [],
): Promise<{ header: string; defines: Record<string, number> }> {
  const lines: string[] = on.map((name) => `#define ${name} 1`);
  const defines: Record<string, number> = Object.fromEntries(on.map((name) => [name, 1]));
  const written = new Set(on);
  for (const file of await configFiles(root)) {
    const { options } = parseConfigUk(file.slice(root.length + 1), await readFile(file, 'utf8'));
    for (const o of options) {
      const name = `CONFIG_${o.name}`;
      const d = o.defaults.find((x) => x.if === null);
      if (!d || written.has(name)) continue;
      const v = d.value.trim();
      if (o.type === 'bool' || o.type === 'tristate') {
        if (v !== 'y') continue;
        defines[name] = 1;
        lines.push(`#define ${name} 1`);
      } else if (o.type === 'int' || o.type === 'hex') {
        if (!/^(0x[0-9a-fA-F]+|-?\d+)$/.test(v)) continue;
        defines[name] = Number(v);
        lines.push(`#define ${name} ${v}`);
      } else if (o.type === 'string') {
        lines.push(`#define ${name} ${v.startsWith('"') ? v : JSON.stringify(v)}`);
      } else continue;
      written.add(name);
    }
  }
  for (const lib of DEFAULT_LIBS) {
    const name = `CONFIG_LIB${lib.toUpperCase().replace(/-/g, '_')}`;
    if (written.has(name)) continue;
    written.add(name);
    defines[name] = 1;
    lines.push(`#define ${name} 1`);
  }
  return { header: lines.join('\n') + '\n', defines };
}

interface Compiled {
  structs: PaholeStruct[];
  covered: Set<string>;
  failed: { file: string; reason: string }[];
}

/** Compiles each file of the five libraries on its own (headers through a one-line unit) and reads its structs. */
async function compileEach(root: string, model: Model, configHeader: string): Promise<Compiled> {
  const dir = await tmpDir('ukl-real-pahole-');
  const generated = join(dir, 'generated');
  await mkdir(join(generated, 'uk'), { recursive: true });
  await writeFile(join(generated, 'uk', 'config.h'), configHeader);
  // Each library's include/ and, as its Makefile.uk adds them, its arch/x86_64/include.
  const libDirs = (await readdir(join(root, 'lib'), { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .flatMap((e) => [`lib/${e.name}/include`, `lib/${e.name}/arch/x86_64/include`]);
  const gccInclude = (await execRunner('gcc', ['-print-file-name=include'])).stdout.trim();
  const includes = [
    '.',
    generated,
    'include',
    'arch/x86/x86_64/include',
    'plat/common/include',
    'plat/kvm/include',
    'lib/nolibc/include',
    'lib/nolibc/arch/x86_64',
    'lib/syscall_shim/arch/x86_64/include',
    ...libDirs,
  ];
  // x86_64 only: files of other architectures' directories are left out.
  const documented = model.files
    .filter((f) => f.documented && /\.(c|h)$/.test(f.path) && !/\/arm(64)?\//.test(f.path))
    .map((f) => f.path);
  const out: Compiled = { structs: [], covered: new Set(), failed: [] };
  for (const [n, file] of documented.entries()) {
    const lib = /^lib\/([^/]+)\//.exec(file)?.[1] ?? 'none';
    let unit = file;
    if (file.endsWith('.h')) {
      unit = join(dir, `unit-${n}.c`);
      await writeFile(unit, `#include "${file}"\n`);
    }
    const obj = join(dir, `${n}.o`);
    const args = [
      '-std=gnu11',
      '-ffreestanding',
      '-nostdinc',
      '-isystem',
      gccInclude,
      '-fno-eliminate-unused-debug-types',
      '-g',
      '-O0',
      '-c',
      '-w',
      '-D__Unikraft__',
      '-D__X86_64__',
      `-D__LIBNAME__=${lib.replace(/-/g, '_')}`,
      `-D__BASENAME__=${file.replace(/^.*\//, '').replace(/\W/g, '_')}`,
      `-I${file.replace(/\/[^/]+$/, '')}`,
      ...includes.map((d) => `-I${d}`),
      '-o',
      obj,
      unit,
    ];
    let cc = await execRunner('gcc', args, { cwd: root });
    // Headers the build generates (`uk/bits/…`) are stood in for by empty files, one at a time.
    for (let tries = 0; cc.code !== 0 && tries < 8; tries++) {
      const missing = /fatal error: (uk\/bits\/[\w./-]+): No such file/.exec(cc.stderr)?.[1];
      if (!missing) break;
      await mkdir(join(generated, missing, '..'), { recursive: true });
      await writeFile(join(generated, missing), '');
      cc = await execRunner('gcc', args, { cwd: root });
    }
    if (cc.code !== 0) {
      const reason = /(?:fatal )?error: .*/.exec(cc.stderr)?.[0] ?? `gcc exited ${cc.code}`;
      out.failed.push({ file, reason });
      continue;
    }
    const ph = await execRunner('pahole', ['-I', obj]);
    // pahole exits 1 when an object has no struct at all (a header of macros and prototypes).
    expect(ph.code === 0 || ph.stdout.trim() === '', `pahole ${file}: ${ph.stderr}`).toBe(true);
    out.structs.push(...parsePahole(ph.stdout).map((s) => ({ ...s, file: s.file.replace(/^\.\//, '') })));
    out.covered.add(file);
  }
  return out;
}

describe.skipIf(!TREE || !tools)('pahole oracle over a real Unikraft tree (UNIKRAFTLAB_ORACLE_TREE)', () => {
  let model: Model;
  beforeAll(async () => {
    model = await buildModel({ source: { root: TREE!, origin: 'explicit', repository: null }, run: execRunner });
  }, 120_000);

  /** Bool options of the five libraries whose menus depend only on these libraries (not on another architecture). */
  const libraryOptions = () =>
    model.libraries
      .flatMap((l) => l.config)
      .filter((o) => o.type === 'bool' && o.guard.every((g) => /^LIB[A-Z_]+$/.test(g)))
      .map((o) => `CONFIG_${o.name}`);

  for (const config of ['the tree defaults', 'every option of the five libraries on']) {
    it(`gives every struct of the five libraries the fields gcc sees, under ${config}`, async () => {
      const root = TREE!;
      const { header, defines } = await generatedConfig(root, config === 'the tree defaults' ? [] : libraryOptions());
      const compiled = await compileEach(root, model, header);
      const { mismatches, compared } = compareStructs(model, compiled.structs, defines, compiled.covered);
      const inLibraries = model.structs.filter((s) => s.documented && s.name && s.parent === null && s.fields.length);
      console.log(
        [
          `real-tree oracle, ${config}: ${compiled.covered.size} files compiled, ${compiled.failed.length} not:`,
          ...compiled.failed.map((f) => `  ${f.file}: ${f.reason}`),
          `  ${compared} structs compared with pahole (of ${inLibraries.length} named structs in the five libraries); not compared:`,
          ...inLibraries
            .filter((s) => !compiled.covered.has(s.file) || !guardHolds(s.guard, defines))
            .map(
              (s) =>
                `  ${s.kind} ${s.name} (${s.file}:${s.line}): ${compiled.covered.has(s.file) ? `guard ${s.guard.join(' && ')} is false here` : 'its file did not compile'}`,
            ),
        ].join('\n'),
      );
      expect(mismatches, mismatches.join('\n')).toEqual([]);
      expect(compared).toBeGreaterThan(0);
      const attributes = compareAttributes(model, compiled.structs, defines, compiled.covered);
      console.log(`  ${attributes.checked} layout attributes gcc shows checked against the model`);
      expect(attributes.mismatches, attributes.mismatches.join('\n')).toEqual([]);
    }, 300_000);
  }
});
