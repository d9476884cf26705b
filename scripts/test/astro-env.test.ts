// The environment astro-build.ts gives Astro's process (scripts/astro-args.ts), checked against the real bundler: with
// MIMALLOC_ALLOW_THP=0, rolldown's allocator must leave no transparent huge pages in the process after a bundle.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASTRO_ENV, applyAstroEnv } from '../astro-args.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

describe('applyAstroEnv', () => {
  it('sets what is unset and keeps what the user set', () => {
    const env: Record<string, string | undefined> = { MIMALLOC_ALLOW_THP: '1', OTHER: 'x' };
    applyAstroEnv(env);
    expect(env).toEqual({ MIMALLOC_ALLOW_THP: '1', OTHER: 'x' });
    const empty: Record<string, string | undefined> = {};
    applyAstroEnv(empty);
    expect(empty).toEqual(ASTRO_ENV);
  });
});

// Huge pages appear only where a program asks for them when the kernel's mode is `madvise`; under `always` or `never`
// this check cannot tell the option's effect.
const thpMode = (() => {
  const f = '/sys/kernel/mm/transparent_hugepage/enabled';
  return existsSync(f) ? (/\[(\w+)\]/.exec(readFileSync(f, 'utf8'))?.[1] ?? null) : null;
})();

describe.skipIf(thpMode !== 'madvise')("rolldown's allocator under ASTRO_ENV (kernel THP mode: madvise)", () => {
  let dir = '';
  // Bundles a module of a few thousand functions with rolldown, then counts the mappings holding huge pages.
  const child = `
    import { rolldown } from 'rolldown';
    import { readFileSync } from 'node:fs';
    const bundle = await rolldown({ input: process.argv[1], logLevel: 'silent' });
    await bundle.generate({});
    const huge = readFileSync('/proc/self/smaps', 'utf8').match(/^AnonHugePages:\\s+[1-9]\\d* kB$/gm) ?? [];
    console.log(huge.length);`;
  const hugeMappings = async (env: Record<string, string | undefined>) => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', child, join(dir, 'input.js')], {
      cwd: root,
      env,
    });
    return Number(stdout.trim());
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'astro-env-'));
    const fns = Array.from(
      { length: 4000 },
      (_, i) => `export function f${i}(a) { return a * ${i} + f${i ? i - 1 : 0}.length; }`,
    );
    await writeFile(join(dir, 'input.js'), fns.join('\n'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps huge pages out of the bundler, which uses them without the option', async (ctx) => {
    const { MIMALLOC_ALLOW_THP: _, ...plain } = process.env;
    const withEnv: Record<string, string | undefined> = { ...plain };
    applyAstroEnv(withEnv);
    // The kernel may refuse huge pages (memory too fragmented): then this machine cannot show the difference.
    if ((await hugeMappings(plain)) === 0) ctx.skip();
    expect(await hugeMappings(withEnv)).toBe(0);
  });
});
