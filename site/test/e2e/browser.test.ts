// The built sample site in a real browser (Debian's chromium driven by playwright-core): struct and function pages,
// pagefind search, language and theme switches, every mermaid diagram rendered to SVG, and no console errors.
// Screenshots go to test-artifacts/ (gitignored) for a human to look at.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModel } from '../../../model/index.ts';
import type { Model } from '../../../model/schema.ts';
import { builtSampleSite } from '../support/built-site.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = resolve(import.meta.dirname, '..', '..', '..', 'test-artifacts');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser test skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

describe.skipIf(!hasChromium)('the built sample site in chromium', () => {
  let server: StaticServer;
  let context: BrowserContext;
  let profile: string;
  let model: Model;
  const problems: string[] = [];

  beforeAll(async () => {
    const site = await builtSampleSite();
    model = await readModel(site.model);
    server = await serveStatic(site.dist);
    profile = await mkdtemp(join(tmpdir(), 'unikraftlab-chromium-'));
    await mkdir(ARTIFACTS, { recursive: true });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
    });
    context.on('page', (page) => watch(page, problems));
  }, 600_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  /** Opens a site path in a fresh tab whose console is watched. */
  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    const response = await page.goto(new URL(path.replace(/^\//, ''), server.url).href, { waitUntil: 'load' });
    expect(response?.status(), `HTTP status of ${path}`).toBe(200);
    return page;
  }

  /** A struct to open: `uk_thread` when the model has it, else the first documented named struct. */
  const structName = (): string =>
    pick(
      model.structs.filter((s) => s.documented && s.name).map((s) => s.name!),
      'uk_thread',
    );
  /** A function to open: `uk_sched_yield` when present, else the first documented function definition. */
  const functionName = (): string =>
    pick(
      model.functions.filter((f) => f.documented && f.definition && f.kind === 'function').map((f) => f.name),
      'uk_sched_yield',
    );

  it('shows a struct page with its fields and rendered diagrams', async () => {
    const name = structName();
    const struct = model.structs.find((s) => s.name === name)!;
    const page = await open(`/structs/${name}/`);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain(name);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const field of struct.fields) expect(text, `field ${field.name} on /structs/${name}/`).toContain(field.name);
    await expectDiagramsRendered(page);
    await page.screenshot({ path: join(ARTIFACTS, `struct-${name}.png`), fullPage: true });
    await page.close();
  });

  it('shows a function page with its rendered call graph', async () => {
    const name = functionName();
    const page = await open(`/functions/${name}/`);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain(name);
    await expectDiagramsRendered(page);
    await page.screenshot({ path: join(ARTIFACTS, `function-${name}.png`), fullPage: true });
    await page.close();
  });

  it('finds a symbol with the pagefind search UI', async () => {
    const name = structName();
    const page = await open('/');
    await page.locator('site-search button[data-open-modal]').filter({ visible: true }).first().click();
    const input = page.locator('#starlight__search input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill(name);
    const results = page.locator('#starlight__search .pagefind-ui__result-link');
    await results.first().waitFor({ state: 'visible', timeout: 30_000 });
    const hrefs = await results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
    expect(hrefs).toContain(`/structs/${name}/`);
    await page.screenshot({ path: join(ARTIFACTS, `search-${name}.png`) });
    await page.close();
  });

  it('finds a constant (a macro without a page) on the file page that defines it', async () => {
    const constant = model.macros.find(
      (m) => m.documented && !m.params && !model.macros.some((o) => o.name === m.name && o.params),
    );
    expect(constant).toBeDefined();
    const page = await open('/');
    await page.locator('site-search button[data-open-modal]').filter({ visible: true }).first().click();
    const input = page.locator('#starlight__search input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill(constant!.name);
    const results = page.locator('#starlight__search .pagefind-ui__result-link');
    await results.first().waitFor({ state: 'visible', timeout: 30_000 });
    // The result list fills in as each result's fragment loads: wait for the file page among them.
    const want = `/files/${constant!.file}/`;
    const found = await page
      .waitForFunction(
        (path) =>
          [...document.querySelectorAll('#starlight__search .pagefind-ui__result-link')].some(
            (a) => (a as HTMLAnchorElement).pathname === path,
          ),
        want,
        { timeout: 30_000 },
      )
      .then(
        () => true,
        () => false,
      );
    const hrefs = await results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
    expect(found, `${want} among ${hrefs.join(', ')}`).toBe(true);
    await page.close();
  });

  it('switches to Chinese and back to English', async () => {
    const name = structName();
    const page = await open(`/structs/${name}/`);
    await page
      .locator('starlight-lang-select select')
      .filter({ visible: true })
      .first()
      .selectOption({ label: '简体中文' });
    await page.waitForURL(`**/zh/structs/${name}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await hasGlyphs(page, '调度器'), 'Chinese glyphs render (apt-get install fonts-noto-cjk)').toBe(true);
    await expectDiagramsRendered(page);
    await page.screenshot({ path: join(ARTIFACTS, `struct-${name}-zh.png`), fullPage: true });
    await page
      .locator('starlight-lang-select select')
      .filter({ visible: true })
      .first()
      .selectOption({ label: 'English' });
    await page.waitForURL((url) => url.pathname === `/structs/${name}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.close();
  });

  it('switches theme, and the diagrams follow', async () => {
    const page = await open(`/functions/${functionName()}/`);
    const theme = page.locator('starlight-theme-select select').filter({ visible: true }).first();
    const hasDiagram = (await page.locator('.uklab-diagram').count()) > 0;
    const fills: Record<string, string> = {};
    for (const mode of ['dark', 'light'] as const) {
      const before = await diagramSvgs(page);
      await theme.selectOption(mode);
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(mode);
      await expectDiagramsRendered(page);
      if (hasDiagram) {
        await expect.poll(() => diagramSvgs(page)).not.toEqual(before);
        fills[mode] = await nodeFill(page);
      }
      await page.screenshot({ path: join(ARTIFACTS, `theme-${mode}.png`), fullPage: true });
    }
    // The re-rendered diagram uses the theme's colours, not only a fresh copy of the same picture.
    if (hasDiagram) expect(fills.dark).not.toBe(fills.light);
    await page.close();
  });

  it('logged no console errors and no failed requests on any page', () => {
    expect(problems).toEqual([]);
  });
});

/** Records console errors, uncaught exceptions and failed or 4xx/5xx requests of a page. */
function watch(page: Page, problems: string[]): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception on ${page.url()}: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A navigation (language switch) aborts the requests of the page it leaves; 4xx/5xx are caught below.
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') {
      problems.push(`request failed on ${page.url()}: ${req.url()} ${req.failure()?.errorText}`);
    }
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} on ${page.url()}: ${res.url()}`);
  });
}

/** Waits until every diagram on the page has finished rendering, then requires an SVG in each. */
async function expectDiagramsRendered(page: Page): Promise<void> {
  const count = await page.locator('.uklab-diagram').count();
  if (count === 0) return;
  await page.waitForFunction(
    () => [...document.querySelectorAll<HTMLElement>('.uklab-diagram')].every((f) => f.dataset.rendered),
    undefined,
    { timeout: 30_000 },
  );
  const states = await page
    .locator('.uklab-diagram')
    .evaluateAll((figs) =>
      figs.map((f) => `${(f as HTMLElement).dataset.rendered}:${f.querySelectorAll('.uklab-diagram-svg svg').length}`),
    );
  expect(states).toEqual(Array(count).fill('true:1'));
}

/**
 * Whether the page's font stack has real glyphs for `text`: draws it and a private-use character (which no font
 * covers, so it becomes a "tofu" box) on a canvas with the body font and compares the pixels. Without CJK fonts on
 * the machine, Chinese pages show nothing but boxes, and the screenshots would hide it.
 */
function hasGlyphs(page: Page, text: string): Promise<boolean> {
  // No named functions inside: the transpiler may wrap them in helpers that do not exist in the page.
  return page.evaluate((sample) => {
    const font = `32px ${getComputedStyle(document.body).fontFamily}`;
    const [real, tofu] = [sample, '\uE000'.repeat(sample.length)].map((s) => {
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 48;
      const ctx = canvas.getContext('2d')!;
      ctx.font = font;
      ctx.fillText(s, 4, 36);
      return canvas.toDataURL();
    });
    return real !== tofu;
  }, text);
}

/** Computed fill of the first node shape of the first diagram: differs between mermaid's light and dark themes. */
function nodeFill(page: Page): Promise<string> {
  return page
    .locator('.uklab-diagram-svg svg .node')
    .first()
    .locator('rect, polygon, path, circle')
    .first()
    .evaluate((shape) => getComputedStyle(shape).fill);
}

/** The markup of every rendered diagram (changes when mermaid re-renders with another theme). */
function diagramSvgs(page: Page): Promise<string[]> {
  return page.locator('.uklab-diagram-svg').evaluateAll((els) => els.map((e) => e.innerHTML));
}

function pick(names: string[], preferred: string): string {
  if (names.includes(preferred)) return preferred;
  const first = [...names].sort()[0];
  if (!first)
    throw new Error(`The sample model has no candidate for \`${preferred}\`; check analyzer/fixtures/sample-tree.`);
  return first;
}
