/**
 * Ships mermaid's own prebuilt ESM files (from node_modules, never a CDN) under `/vendor/mermaid/` instead of
 * bundling mermaid through Vite: same bytes in the browser, and the site build skips minutes of bundling work.
 */
import { createReadStream } from 'node:fs';
import { cp, mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** URL the client script imports mermaid from. */
export const MERMAID_URL = '/vendor/mermaid/mermaid.esm.min.mjs';

function mermaidDist(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mermaid/package.json')), 'dist');
}

/** Copies the ESM entry and its chunks (no source maps) into `outDir/vendor/mermaid/`. */
export async function copyMermaid(outDir: string): Promise<number> {
  const dist = mermaidDist();
  const target = join(outDir, 'vendor', 'mermaid');
  const chunks = join('chunks', 'mermaid.esm.min');
  await mkdir(join(target, chunks), { recursive: true });
  await cp(join(dist, 'mermaid.esm.min.mjs'), join(target, 'mermaid.esm.min.mjs'));
  const files = (await readdir(join(dist, chunks))).filter((f) => f.endsWith('.mjs'));
  await Promise.all(files.map((f) => cp(join(dist, chunks, f), join(target, chunks, f))));
  return files.length + 1;
}

/**
 * The Astro integration: copy during `astro build`, serve from node_modules during `astro dev`.
 *
 * The copy starts once the pages are written (`astro:build:generated`) and is awaited in `astro:build:done`, after
 * Starlight's: it runs while Pagefind indexes the pages instead of after it (about 60 ms of file copies on the test
 * machine that were the build's last step).
 */
export function mermaidVendor(): AstroIntegration {
  // Settled, so that a failed copy is reported by `astro:build:done`, not as an unhandled rejection.
  let copying: Promise<{ n: number } | { error: unknown }> | undefined;
  return {
    name: 'unikraftlab-mermaid-vendor',
    hooks: {
      'astro:build:generated': ({ dir }) => {
        copying = copyMermaid(fileURLToPath(dir)).then(
          (n) => ({ n }),
          (error: unknown) => ({ error }),
        );
      },
      'astro:build:done': async ({ dir, logger }) => {
        const copied = (await copying) ?? { n: await copyMermaid(fileURLToPath(dir)) };
        copying = undefined;
        if ('error' in copied) throw copied.error;
        logger.info(`copied ${copied.n} mermaid files to /vendor/mermaid/`);
      },
      'astro:server:setup': ({ server }) => {
        const dist = mermaidDist();
        server.middlewares.use((req, res, next) => {
          if (!req.url?.startsWith('/vendor/mermaid/')) return next();
          const rel = normalize(req.url.slice('/vendor/mermaid/'.length).split('?')[0]!);
          if (rel.startsWith('..') || !rel.endsWith('.mjs')) return next();
          res.setHeader('Content-Type', 'text/javascript');
          createReadStream(join(dist, rel))
            .on('error', () => next())
            .pipe(res);
        });
      },
    },
  };
}
