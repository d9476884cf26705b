/**
 * How the site's builds run Astro (`npm run build`, `npm run dev`, and the site bench, so the bench times what users
 * run): Astro's entry file under this process's Node, with a larger young generation — the page renderer allocates
 * fast, and a 64 MB semi-space cut its garbage-collection time on the real tree from about 650 to 430 ms (CPU profile).
 */
import { join } from 'node:path';

/** Node flags for Astro's process. */
export const ASTRO_NODE_FLAGS = ['--max-semi-space-size=64'] as const;

/**
 * Environment of a build's process, set by astro-build.ts before Astro is imported (a value already set is kept).
 *
 * `MIMALLOC_ALLOW_THP=0`: Rolldown (Vite's bundler) and Astro's compiler allocate through mimalloc, which asks Linux for
 * transparent huge pages on its 1 GiB arenas (`madvise(MADV_HUGEPAGE)`); every first touch of a 2 MiB region then
 * zeroes all of it, however little of it is used. In a `perf record -a` of a real-tree build on the test machine, that
 * zeroing (`clear_page_erms` under `do_huge_pmd_anonymous_page`) was more than half of rolldown's threads' time; without
 * it Vite's step took 1.29–1.72 s instead of 1.70–2.62 s (6 interleaved pairs). mimalloc reads its options from the
 * environment once the native module that holds it is loaded, so they must be set before Astro is imported.
 */
export const ASTRO_ENV = { MIMALLOC_ALLOW_THP: '0' } as const;

/** Sets `ASTRO_ENV`'s variables in `env` where they are unset. */
export function applyAstroEnv(env: Record<string, string | undefined> = process.env): void {
  for (const [name, value] of Object.entries(ASTRO_ENV)) env[name] ??= value;
}

/**
 * Arguments for `process.execPath` that run `astro <command>` from the repository at `root`: a build through
 * astro-build.ts (Astro's build API, without the content sync this site does not need), `dev` through Astro's CLI.
 */
export function astroArgs(root: string, command: 'build' | 'dev'): string[] {
  if (command === 'build') return [...ASTRO_NODE_FLAGS, join(root, 'scripts/astro-build.ts'), '--root', root];
  return [...ASTRO_NODE_FLAGS, join(root, 'node_modules/astro/bin/astro.mjs'), command];
}
