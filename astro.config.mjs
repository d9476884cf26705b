// Astro + Starlight config for the UnikraftLab site. Pages are generated from the analyzer's model; the model path,
// content dir and output dir come from the environment (see site/lib/env.ts) so tests can build any model anywhere.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { siteEnv } from './site/lib/env.ts';
import { buildSidebar } from './site/lib/sidebar.ts';
import { loadSiteDataForConfig } from './site/lib/site-data.ts';
import { mermaidVendor } from './site/lib/mermaid-vendor.ts';
import { explanationTexts, highlightedFiles, startWorkingAhead } from './site/lib/ahead-of-pages.ts';

// A build run from a test runner inherits NODE_ENV=test, which makes Vite build in dev mode (Starlight then
// renders "search is only available in production" instead of the search UI): a build is always production.
// scripts/astro-build.ts (Astro's build API, used by `npm run build`) says so in UNIKRAFTLAB_ASTRO_COMMAND.
const building = process.argv.includes('build') || process.env.UNIKRAFTLAB_ASTRO_COMMAND === 'build';
if (building) process.env.NODE_ENV = 'production';
// Nothing leaves this machine unless the user asks: Astro's anonymous telemetry would post to the internet (and
// spawn git for a project id) on every build. Astro reads this after loading the config.
process.env.ASTRO_TELEMETRY_DISABLED = '1';

const env = siteEnv();
// `astro preview` only serves dist/; it needs no model.
const preview = process.argv.includes('preview');
let model = null;
let live = [];
try {
  // Model, explanations and live records, checked here so that a `--strict` build fails before any page is built;
  // a build's pages then reuse them (see site/lib/site-data.ts).
  const data = preview ? null : await loadSiteDataForConfig(building);
  model = data?.index.model ?? null;
  live = data?.live ?? [];
  // Highlighting and the explanations' Markdown start now on another core, while Astro loads and bundles (see
  // site/lib/ahead-of-pages.ts).
  if (data && model) {
    const files = highlightedFiles(model);
    const markdown = explanationTexts(data.explanations);
    void startWorkingAhead({ root: model.source.root, files, tokenDir: env.tokenCache, markdown });
  }
} catch (e) {
  // User errors (missing model, bad live record or frontmatter, --strict problems): the message says what to fix.
  const userErrors = ['ModelError', 'LiveRecordError', 'StrictHealthError', 'ExplanationError'];
  if (e instanceof Error && userErrors.includes(e.name)) {
    console.error(`\n${e.message}\n`);
    process.exit(1);
  }
  throw e;
}

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: process.env.UNIKRAFTLAB_OUT_DIR ?? './dist',
  cacheDir: env.cacheDir,
  // Only with a public URL: Starlight then adds canonical links and a sitemap (a second or so of build time).
  ...(process.env.UNIKRAFTLAB_SITE_URL ? { site: process.env.UNIKRAFTLAB_SITE_URL } : {}),
  // 'ignore', not 'always': Starlight would append a slash to the sidebar's anchor links (#structs/).
  trailingSlash: 'ignore',
  // Render several pages at once: page writes and awaits overlap with rendering (measured: less idle time).
  build: { concurrency: 4 },
  integrations: [
    starlight({
      title: 'UnikraftLab',
      description: "Unikraft's scheduler, locks and process code, documented from the sources.",
      defaultLocale: 'root',
      locales: { root: { label: 'English', lang: 'en' }, zh: { label: '简体中文', lang: 'zh-CN' } },
      sidebar: model ? buildSidebar(model, live) : [],
      customCss: ['./site/styles/site.css'],
      components: {
        Banner: './site/components/SampleBanner.astro',
        SiteTitle: './site/components/SiteTitle.astro',
      },
      // Code on this site is highlighted by site/lib/highlight.ts (shiki); Starlight's Expressive Code would only load
      // its highlighter at startup (about 0.35 s, 5 interleaved pairs of real-tree builds) and ship unused assets.
      expressiveCode: false,
      pagination: false,
      credits: false,
    }),
    mermaidVendor(),
  ],
});
