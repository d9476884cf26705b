/**
 * `astro build` for this repository, run by `npm run build`, the site tests and the site bench (through
 * astro-args.ts): Astro's own build through its JavaScript API, with one difference from the `astro build` CLI.
 *
 * Astro's content sync (content-layer loaders and generated types, about 1–1.5 s of setup on the test machine) is
 * skipped while `site/content/docs/` holds no page: every page of this site is generated from the model, and Starlight's
 * `docs` collection is declared only because Starlight needs it. Five interleaved pairs of real-tree builds took
 * 0.3–1.3 s less without it, with identical output (`diff -r`). `sync` is an option of Astro's internal builder
 * (Astro 7.3), passed through `build()`'s options; should Astro stop reading it, the build only gets slower again.
 *
 * Like the CLI (astro/bin/astro.mjs), it keeps Node's compile cache (the compiled code of Astro, Vite, Starlight and
 * the other modules it loads, in `NODE_COMPILE_CACHE` or else the system's temporary directory), except under `CI`,
 * where the cache would never be reused: building with the API had lost it. In a CPU profile of a real-tree build,
 * compiling modules took about 0.4 s of the main thread; with the cache, importing Astro alone went from 0.72–0.78 s to
 * 0.59–0.65 s (5 interleaved runs; the first run, which filled the cache, took 0.86 s).
 *
 * Usage: `node scripts/astro-build.ts [--root DIR]` (Node ≥ 22.18 runs this file by stripping its types).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enableCompileCache } from 'node:module';
import { applyAstroEnv } from './astro-args.ts';

const argv = process.argv.slice(2);
const at = argv.indexOf('--root');
const given = at >= 0 ? argv[at + 1] : undefined;
const root = given ? resolve(given) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
// astro.config.mjs tells a build from `astro dev`/`preview` by this (the CLI's argv has the word `build`).
process.env.UNIKRAFTLAB_ASTRO_COMMAND = 'build';
if (!process.env.CI) enableCompileCache();
// Before Astro is imported: the allocator of its native modules reads its options then (see astro-args.ts).
applyAstroEnv();
// Astro is imported after the cache is on, so that its modules come from the cache.
const { build } = await import('astro');

/** True when the docs collection has entries, which only Astro's content sync would load. */
function hasContentPages(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir, { recursive: true }).some((f) => /\.(mdx?|mdoc)$/.test(String(f)));
}

// devOutput is false as in `astro build`; `sync` is not in build()'s public options type, hence the variable.
const options = { devOutput: false, sync: hasContentPages(join(root, 'site', 'content', 'docs')) };
try {
  await build({ root }, options);
} catch (e) {
  // As the CLI does: the error (Astro's messages name the page or file), then exit status 1.
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
}
