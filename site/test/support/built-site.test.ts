// The shared sample-site builder, with a recording runner instead of the analyzer and Astro: which commands it
// runs with which environment, that an identical build is reused, that a dead owner's lock does not block, and
// that a failing step is named in the error.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtSampleSite, SiteBuildError, type Runner } from './built-site.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fake repository root with one input file per hashed location. */
async function fakeRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'built-site-root-'));
  dirs.push(root);
  await mkdir(join(root, 'site'), { recursive: true });
  await writeFile(join(root, 'site', 'page.astro'), 'v1');
  await writeFile(join(root, 'astro.config.mjs'), 'export default {}');
  return root;
}

interface Call {
  tool: string;
  args: string[];
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Records each call and writes what the real tool would (the model, or dist/index.html). */
function recorder(calls: Call[], fail?: 'analyzer' | 'astro'): Runner {
  return async (_cmd, args, env, cwd) => {
    const tool = basename(args[0] ?? '') === 'cli.mjs' ? 'analyzer' : 'astro';
    calls.push({ tool, args, env, cwd });
    if (fail === tool) return { code: 2, output: `${tool} exploded\n` };
    if (tool === 'analyzer') await writeFile(args[args.indexOf('--out') + 1]!, '{}');
    else {
      await mkdir(env.UNIKRAFTLAB_OUT_DIR!, { recursive: true });
      await writeFile(join(env.UNIKRAFTLAB_OUT_DIR!, 'index.html'), '<html></html>');
    }
    return { code: 0, output: '' };
  };
}

describe('builtSampleSite', () => {
  it('runs the analyzer, then a production astro build into its own outDir', async () => {
    const root = await fakeRoot();
    const calls: Call[] = [];
    const site = await builtSampleSite({ root, runner: recorder(calls) });
    expect(calls.map((c) => c.tool)).toEqual(['analyzer', 'astro']);
    const [analyze, astro] = calls as [Call, Call];
    expect(analyze.args.slice(-2)).toEqual(['--out', site.model]);
    expect(analyze.env.UNIKRAFT_DIR).toBe('');
    expect(astro.args.slice(-3)).toEqual([join(root, 'scripts/astro-build.ts'), '--root', root]);
    expect(astro.cwd).toBe(root);
    expect(astro.env).toMatchObject({
      UNIKRAFTLAB_MODEL: site.model,
      UNIKRAFTLAB_OUT_DIR: site.dist,
      NODE_ENV: 'production',
    });
    expect('DEV' in astro.env && astro.env.DEV === undefined).toBe(true);
    expect(site.dist.startsWith(join(root, '.cache', 'test-sites'))).toBe(true);
    expect(existsSync(join(site.dist, 'index.html'))).toBe(true);
  });

  it('reuses a finished build of the same inputs and rebuilds when an input changes', async () => {
    const root = await fakeRoot();
    const calls: Call[] = [];
    const first = await builtSampleSite({ root, runner: recorder(calls) });
    const again = await builtSampleSite({ root, runner: recorder(calls) });
    expect(again).toEqual(first);
    expect(calls).toHaveLength(2);
    await writeFile(join(root, 'site', 'page.astro'), 'v2');
    const changed = await builtSampleSite({ root, runner: recorder(calls) });
    expect(changed.dist).not.toBe(first.dist);
    expect(calls).toHaveLength(4);
  });

  it('breaks a lock left by a process that no longer exists', async () => {
    const root = await fakeRoot();
    const calls: Call[] = [];
    const { dist } = await builtSampleSite({ root, runner: recorder(calls) });
    const dir = join(dist, '..');
    await rm(join(dir, 'complete'));
    await mkdir(`${dir}.lock`);
    await writeFile(join(`${dir}.lock`, 'pid'), '999999999'); // beyond any pid_max
    await builtSampleSite({ root, runner: recorder(calls) });
    expect(calls).toHaveLength(4);
    expect(await readdir(join(dir, '..'))).not.toContain(`${basename(dir)}.lock`);
  });

  it('names the failing step and shows its output', async () => {
    const root = await fakeRoot();
    const error = await builtSampleSite({ root, runner: recorder([], 'astro') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiteBuildError);
    expect((error as Error).message).toMatch(/failed in the site build \(exit 2\)[\s\S]*astro exploded/);
  });
});
