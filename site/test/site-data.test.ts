// The config loads the site data once and a build's pages (another copy of site-data.ts, from Vite's bundle) reuse
// it; the hand-over only happens for the same inputs.
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tinyModel } from './tiny-model.ts';

type SiteDataModule = typeof import('../lib/site-data.ts');
/** A fresh copy of the module, as the pages' bundle has its own. */
async function freshCopy(): Promise<SiteDataModule> {
  vi.resetModules();
  return import('../lib/site-data.ts');
}

let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'uklab-site-data-'));
  await writeFile(join(dir, 'model.json'), JSON.stringify(tinyModel()));
  process.env.UNIKRAFTLAB_MODEL = join(dir, 'model.json');
  process.env.UNIKRAFTLAB_CONTENT = join(dir, 'content');
  process.env.UNIKRAFTLAB_LIVE = join(dir, 'live');
  delete process.env.UNIKRAFTLAB_STRICT;
});
afterAll(async () => {
  process.env = saved;
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('unikraftlab.siteData')];
  await rm(dir, { recursive: true, force: true });
});

describe('site data handed from the config to the pages', () => {
  it('is loaded once when the config shares it', async () => {
    const config = await freshCopy();
    const loaded = config.loadSiteDataForConfig(true);
    const pages = await freshCopy();
    expect(pages.siteData()).toBe(loaded);
    expect((await pages.siteData()).index.model.libraries.map((l) => l.name)).toEqual(['lib']);
  });

  it('is loaded again by the pages when the config does not share it (astro dev)', async () => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('unikraftlab.siteData')];
    const config = await freshCopy();
    const loaded = config.loadSiteDataForConfig(false);
    const pages = await freshCopy();
    expect(pages.siteData()).not.toBe(loaded);
    expect((await pages.siteData()).index.model).toEqual((await loaded).index.model);
  });

  it('is loaded again when the inputs differ: another model file, or the same file rewritten', async () => {
    const config = await freshCopy();
    const loaded = config.loadSiteDataForConfig(true);
    await loaded;
    const later = new Date(Date.now() + 5000);
    await utimes(join(dir, 'model.json'), later, later);
    expect((await freshCopy()).siteData()).not.toBe(loaded);

    const again = config.loadSiteDataForConfig(true);
    expect((await freshCopy()).siteData()).toBe(again);
    process.env.UNIKRAFTLAB_STRICT = '1';
    const strictPages = (await freshCopy()).siteData();
    delete process.env.UNIKRAFTLAB_STRICT;
    expect(strictPages).not.toBe(again);
    await strictPages;
  });
});
