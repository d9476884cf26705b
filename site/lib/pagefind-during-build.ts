/**
 * Builds Starlight's Pagefind search index during `astro build` instead of after it: the middleware
 * (`pagefind-middleware.ts`) passes each rendered page to a Pagefind index opened at build start, and the index is
 * written to `dist/pagefind/` when the build is done. Same index and UI as Starlight's own step (which reads every
 * HTML file back from disk once all pages are written); the indexing overlaps page rendering. Starlight's step is
 * turned off in astro.config.mjs (`pagefind: false`) and its search box is kept by `site/components/Search.astro`.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { setPagefindSession } from './pagefind-session.ts';

/**
 * How the search box ranks results: these are Starlight's defaults (a page that is exactly the searched symbol comes
 * before longer pages that merely mention it). Starlight hands its box these only when its own Pagefind step is on,
 * so with that step off the site provides them, through the module Starlight's search box reads them from.
 */
export const SEARCH_RANKING = {
  pageLength: 0.1,
  termFrequency: 0.1,
  termSaturation: 2,
  termSimilarity: 9,
  diacriticSimilarity: 0.8,
} as const;

const CONFIG_MODULE = 'virtual:starlight/pagefind-config';

/** Vite plugin answering for Starlight's search-box config module before Starlight does. */
function searchConfigPlugin() {
  const resolved = '\0unikraftlab:pagefind-config';
  return {
    name: 'unikraftlab-pagefind-config',
    enforce: 'pre' as const,
    resolveId: (id: string) => (id === CONFIG_MODULE ? resolved : undefined),
    load: (id: string) =>
      id === resolved ? `export const pagefindUserConfig = ${JSON.stringify({ ranking: SEARCH_RANKING })};` : undefined,
  };
}

/** Raised when Pagefind reports errors; the build fails with its messages. */
export class PagefindError extends Error {
  override name = 'PagefindError';
}

function check<T extends { errors: string[] }>(response: T, what: string): T {
  if (response.errors.length) throw new PagefindError(`Pagefind failed to ${what}:\n${response.errors.join('\n')}`);
  return response;
}

/** The integration; `astro dev` and `astro preview` are untouched (no session is opened). */
export function pagefindDuringBuild(): AstroIntegration {
  let index: pagefind.PagefindIndex | null = null;
  let added: Promise<pagefind.NewFileResponse>[] = [];
  let started = 0;
  return {
    name: 'unikraftlab-pagefind',
    hooks: {
      'astro:config:setup': ({ addMiddleware, updateConfig }) => {
        updateConfig({ vite: { plugins: [searchConfigPlugin()] } });
        addMiddleware({
          entrypoint: fileURLToPath(new URL('./pagefind-middleware.ts', import.meta.url)),
          order: 'post',
        });
      },
      'astro:build:start': async () => {
        started = performance.now();
        const created = check(await pagefind.createIndex(), 'start');
        if (!created.index) throw new PagefindError('Pagefind failed to start: no index was created.');
        const opened = created.index;
        index = opened;
        added = [];
        setPagefindSession({
          // The HTML goes to Pagefind's process now; its answer is checked once the build is done.
          add: (url, html) => void added.push(opened.addHTMLFile({ url, content: html })),
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        setPagefindSession(null);
        if (!index) return;
        try {
          const pages = await Promise.all(added);
          for (const p of pages) check(p, 'index a page');
          check(await index.writeFiles({ outputPath: fileURLToPath(new URL('./pagefind/', dir)) }), 'write the index');
          const seconds = ((performance.now() - started) / 1000).toFixed(2);
          logger.info(
            `search index of ${pages.length} pages written to /pagefind/ (${seconds} s since the build started)`,
          );
        } finally {
          index = null;
          added = [];
          await pagefind.close();
        }
      },
    },
  };
}
