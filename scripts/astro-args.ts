/**
 * How the site's builds run Astro (`npm run build`, `npm run dev`, and the site bench, so the bench times what users
 * run): Astro's entry file under this process's Node, with a larger young generation — the page renderer allocates
 * fast, and a 64 MB semi-space cut its garbage-collection time on the real tree from about 650 to 430 ms (CPU profile).
 */
import { join } from 'node:path';

/** Node flags for Astro's process. */
export const ASTRO_NODE_FLAGS = ['--max-semi-space-size=64'] as const;

/**
 * Arguments for `process.execPath` that run `astro <command>` from the repository at `root`: a build through
 * astro-build.ts (Astro's build API, without the content sync this site does not need), `dev` through Astro's CLI.
 */
export function astroArgs(root: string, command: 'build' | 'dev'): string[] {
  if (command === 'build') return [...ASTRO_NODE_FLAGS, join(root, 'scripts/astro-build.ts'), '--root', root];
  return [...ASTRO_NODE_FLAGS, join(root, 'node_modules/astro/bin/astro.mjs'), command];
}
