// The CLI as a user meets it: exit codes and messages for bad input, and an end-to-end run over the sample tree.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModel } from '../../model/index.ts';
import type { Model } from '../../model/schema.ts';
import { run, type CliIo } from '../cli.ts';
import { ExitCodes } from '../errors.ts';
import { SAMPLE_TREE } from '../source/resolve-source.ts';
import { git, gitCopy, makeTree, tmpDir } from './source/git-fixtures.ts';

/** Runs the CLI in `cwd` and collects what it printed. */
async function cli(argv: string[], cwd: string, env: Record<string, string | undefined> = {}, isTTY = false) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env, cwd, isTTY };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

describe('analyze CLI errors', () => {
  let base: string;
  beforeAll(async () => {
    base = await tmpDir('ukl-cli-');
    await makeTree(join(base, 'tree'), ['uksched', 'uklock', 'ukalloc', 'posix-process']);
    await writeFile(join(base, 'afile'), 'x');
  });

  it('prints help and exits 0', async () => {
    const r = await cli(['--help'], base);
    expect(r.code).toBe(ExitCodes.Ok);
    expect(r.stdout).toMatch(/--src DIR/);
  });

  it('rejects an unknown option with code 1', async () => {
    const r = await cli(['--source', 'x'], base);
    expect(r.code).toBe(ExitCodes.OptionError);
    expect(r.stderr).toMatch(/^error: Unknown option `--source`/);
    expect(r.stderr).toMatch(/hint: Run `npm run analyze -- --help`/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('rejects an empty --libs with code 1', async () => {
    expect((await cli(['--libs', ','], base)).code).toBe(ExitCodes.OptionError);
  });

  it('rejects a missing --src directory with code 2', async () => {
    const r = await cli(['--src', 'nope'], base);
    expect(r.code).toBe(ExitCodes.InputError);
    expect(r.stderr).toMatch(/^error: `--src` points to `.*\/nope`, which does not exist/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a directory that is not a Unikraft tree with code 2', async () => {
    const r = await cli(['--src', 'tree/lib'], base);
    expect(r.code).toBe(ExitCodes.InputError);
    expect(r.stderr).toMatch(/which is not a Unikraft tree: it has no `lib\/` directory/);
  });

  it('rejects an unknown library, naming it and suggesting existing ones', async () => {
    const r = await cli(['--src', 'tree', '--libs', 'uksched,ukshed'], base);
    expect(r.code).toBe(ExitCodes.InputError);
    expect(r.stderr).toMatch(/^error: Unknown library `ukshed` in `--libs`\./);
    expect(r.stderr).toMatch(/hint: .*`uksched`/);
  });

  it('rejects an unwritable --out with code 4 and leaves nothing behind', async () => {
    const r = await cli(['--src', 'tree', '--libs', 'uksched', '--out', 'afile/model.json'], base);
    expect(r.code).toBe(ExitCodes.OutputError);
    expect(r.stderr).toMatch(/^error: Cannot write the model to `.*afile\/model\.json`: (ENOTDIR|EEXIST)/);
    expect(await readFile(join(base, 'afile'), 'utf8')).toBe('x');
  });

  it('shows progress on a TTY only, and never under CI or --quiet', async () => {
    const args = ['--src', 'tree', '--libs', 'uksched,uklock', '--out', join(base, 'p.json')];
    expect((await cli(args, base, {}, true)).stderr).toMatch(/^\rparsing 1\/2 files\rparsing 2\/2 files\r/);
    expect((await cli(args, base, { CI: 'true' }, true)).stderr).toBe('');
    expect((await cli([...args, '--quiet'], base, {}, true)).stderr).toBe('');
    expect((await cli(args, base, {}, false)).stderr).toBe('');
  });

  it('with --strict, fails with code 3 when there are warnings', async () => {
    await writeFile(join(base, 'tree', 'lib', 'uklock', 'Config.uk'), 'config LIBUKLOCK\n\tbool "x"\n\tfrobnicate\n');
    const out = join(base, 'strict.json');
    const lax = await cli(['--src', 'tree', '--libs', 'uklock', '--out', out], base);
    expect(lax.code).toBe(ExitCodes.Ok);
    const strict = await cli(['--src', 'tree', '--libs', 'uklock', '--out', out, '--strict'], base);
    expect(strict.code).toBe(ExitCodes.ValidationError);
    expect(strict.stderr).toMatch(/1 warning\(s\) and --strict/);
  });
});

describe('analyze CLI on the sample tree', () => {
  let model: Model;
  let out: string;
  let stdout: string;
  beforeAll(async () => {
    const dir = await tmpDir('ukl-e2e-');
    out = join(dir, 'model.json');
    const r = await cli(['--src', SAMPLE_TREE, '--out', out], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(ExitCodes.Ok);
    stdout = r.stdout;
    model = await readModel(out);
  });

  it('writes a model readModel accepts, naming the five default libraries', () => {
    expect(model.libraries.map((l) => l.name)).toEqual([
      'posix-futex',
      'posix-process',
      'uklock',
      'uksched',
      'ukschedcoop',
    ]);
    expect(model.source).toMatchObject({ root: SAMPLE_TREE, origin: 'explicit', commit: null, describe: null });
    expect(stdout).toMatch(/^Analyzed 5 libraries/);
  });

  it('fills each library from Config.uk, Makefile.uk and exportsyms.uk', () => {
    const lib = (n: string) => model.libraries.find((l) => l.name === n) as Model['libraries'][number];
    const pp = lib('posix-process');
    expect(pp.config.map((c) => c.name)).toContain('LIBPOSIX_PROCESS_CLONE');
    expect(pp.config.find((c) => c.name === 'LIBPOSIX_PROCESS_MAX_PID')?.guard).toEqual([
      'LIBPOSIX_PROCESS',
      'LIBPOSIX_PROCESS_PIDS',
    ]);
    expect(pp.exports).toContain('uk_syscall_r_getpid');
    expect(pp.sources).toContainEqual({
      file: 'lib/posix-process/clone.c',
      config: 'CONFIG_LIBPOSIX_PROCESS_CLONE',
      line: 10,
    });
    expect(pp.sources).toContainEqual({ file: 'lib/posix-process/wait.c', config: null, line: 8 });
    expect(pp.files).toContain('lib/posix-process/clonetab.ld');
    const arch = pp.sources.find((x) => x.file.includes('/arch/'));
    // `arch/$(CONFIG_UK_ARCH)/clone.c`: one entry per architecture the library has the file for (here only x86_64).
    expect(pp.sources.filter((x) => x.file.includes('/arch/'))).toEqual([
      {
        file: 'lib/posix-process/arch/x86_64/clone.c',
        config: 'CONFIG_LIBPOSIX_PROCESS_CLONE && CONFIG_ARCH_X86_64',
        line: 12,
      },
    ]);
    expect(pp.files).toContain(arch?.file);
    expect(lib('uksched').files).toEqual([
      'lib/uksched/extra.ld',
      'lib/uksched/include/uk/sched.h',
      'lib/uksched/include/uk/sched_impl.h',
      'lib/uksched/include/uk/thread.h',
      'lib/uksched/include/uk/wait.h',
      'lib/uksched/include/uk/wait_types.h',
      'lib/uksched/sched.c',
      'lib/uksched/thread.c',
      'lib/uksched/thread_internal.h',
    ]);
  });

  it('indexes included headers outside the libraries without documenting them', () => {
    const file = (p: string) => model.files.find((f) => f.path === p);
    expect(file('include/uk/list.h')).toMatchObject({ library: null, documented: false });
    expect(file('arch/x86_64/include/uk/asm/ctx.h')).toMatchObject({ documented: false });
    expect(file('lib/nolibc/include/errno.h')).toMatchObject({ library: 'nolibc', documented: false });
    expect(file('lib/uksched/thread.c')).toMatchObject({ library: 'uksched', documented: true });
    const inc = file('lib/uksched/thread.c')?.includes ?? [];
    expect(inc).toContainEqual({ name: 'thread_internal.h', line: 14, resolved: 'lib/uksched/thread_internal.h' });
    expect(inc).toContainEqual({ name: 'uk/plat/time.h', line: 13, resolved: 'plat/common/include/uk/plat/time.h' });
    expect(file('include/uk/essentials.h')?.includes).toContainEqual({ name: 'stdint.h', line: 10, resolved: null });
    // The library directory nolibc is only indexed, never listed as a documented library.
    expect(model.libraries.map((l) => l.name)).not.toContain('nolibc');
  });

  it('sets `exported` from exportsyms.uk, for syscalls through their generated symbols', () => {
    const fn = (n: string) => model.functions.find((f) => f.name === n && f.definition);
    expect(fn('uk_sched_thread_add')?.exported).toBe(true);
    expect(fn('uk_thread_wake')?.exported).toBe(true);
    expect(model.functions.find((f) => f.name === 'uk_sched_yield')?.exported).toBe(false); // static inline
  });

  it('keeps everything in file, line order', () => {
    for (const list of [model.functions, model.structs, model.macros, model.globals]) {
      const keys = list.map((e) => [e.file, e.line] as const);
      const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
      expect(keys).toEqual(sorted);
    }
    expect(model.files.map((f) => f.path)).toEqual([...model.files.map((f) => f.path)].sort());
  });

  it('records the commit of a git copy of the tree', async () => {
    const copy = await gitCopy(SAMPLE_TREE, 'RELEASE-0.0.1');
    const o = join(copy, 'm.json');
    expect((await cli(['--src', copy, '--libs', 'uklock', '--out', o, '--quiet'], copy)).code).toBe(ExitCodes.Ok);
    const m = await readModel(o);
    expect(m.source.commit).toBe(await git(copy, 'rev-parse', 'HEAD'));
    expect(m.source.describe).toBe('RELEASE-0.0.1');
    expect(m.libraries.map((l) => l.name)).toEqual(['uklock']);
  });

  // Without --src, UNIKRAFT_DIR or a cached clone, the sample tree is analyzed (a cached clone would win: skip then).
  it.skipIf(existsSync(join(import.meta.dirname, '..', '..', '.cache', 'unikraft')))(
    'falls back to the sample tree with origin `sample`',
    async () => {
      const dir = await tmpDir('ukl-sample-');
      const r = await cli(['--out', join(dir, 'm.json'), '--libs', 'ukschedcoop'], dir, {});
      expect(r.code).toBe(ExitCodes.Ok);
      const m = await readModel(join(dir, 'm.json'));
      expect(m.source).toMatchObject({ origin: 'sample', root: SAMPLE_TREE, commit: null });
    },
  );
});
