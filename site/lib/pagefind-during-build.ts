/**
 * Builds Starlight's Pagefind search index during `astro build` instead of after it. The middleware
 * (`pagefind-middleware.ts`) names each page as it is rendered; once Astro has written the page's file, Pagefind (its
 * own process, so another core) is asked to index that one file, while Astro renders the next pages. When the build
 * is done, any page not indexed yet is added, and the index is written to `dist/pagefind/`. Same index and search box
 * as Starlight's own step, which reads every HTML file back after the build; that step is turned off in
 * astro.config.mjs (`pagefind: false`) and the search box is named in `site/components/Search.astro`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { exactGlob, htmlFiles, isWritten, pageFile } from './pagefind-files.ts';
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

/** The index of one build: pages wait in `pending` until their file is written, then go to Pagefind once each. */
class BuildIndex {
  private readonly pending: string[] = [];
  private readonly added = new Set<string>();
  private readonly requests: Promise<pagefind.IndexingResponse>[] = [];

  constructor(
    private readonly index: pagefind.PagefindIndex,
    private readonly outDir: string,
  ) {}

  /** A page was rendered: index every waiting page whose file is complete now. */
  rendered(pathname: string): void {
    this.pending.push(pageFile(pathname));
    for (let i = 0; i < this.pending.length;) {
      const rel = this.pending[i] as string;
      if (isWritten(join(this.outDir, rel))) {
        this.pending.splice(i, 1);
        this.add(rel);
      } else i++;
    }
  }

  private add(rel: string): void {
    // Pagefind must never see a file twice (its index would not be written).
    if (this.added.has(rel)) return;
    this.added.add(rel);
    this.requests.push(this.index.addDirectory({ path: this.outDir, glob: exactGlob(rel) }));
  }

  /** Adds every HTML file of the finished build not indexed yet, waits for Pagefind, and writes the index. */
  async finish(): Promise<{ pages: number; whileRendering: number }> {
    const whileRendering = this.added.size;
    for (const rel of await htmlFiles(this.outDir)) this.add(rel);
    let pages = 0;
    for (const r of await Promise.all(this.requests)) pages += check(r, 'index a page').page_count;
    check(await this.index.writeFiles({ outputPath: join(this.outDir, 'pagefind') }), 'write the index');
    return { pages, whileRendering };
  }
}

/** The integration; `astro dev` and `astro preview` are untouched (no session is opened). */
export function pagefindDuringBuild(): AstroIntegration {
  let outDir = '';
  let build: BuildIndex | null = null;
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
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': async () => {
        started = performance.now();
        const created = check(await pagefind.createIndex(), 'start');
        if (!created.index) throw new PagefindError('Pagefind failed to start: no index was created.');
        const opened = new BuildIndex(created.index, outDir);
        build = opened;
        setPagefindSession({ rendered: (pathname) => opened.rendered(pathname) });
      },
      'astro:build:done': async ({ logger }) => {
        setPagefindSession(null);
        if (!build) return;
        try {
          const { pages, whileRendering } = await build.finish();
          const seconds = ((performance.now() - started) / 1000).toFixed(2);
          logger.info(
            `search index of ${pages} pages (${whileRendering} sent while rendering) written to /pagefind/, ${seconds} s after the build started`,
          );
        } finally {
          build = null;
          await pagefind.close();
        }
      },
    },
  };
}
