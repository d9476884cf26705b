// The link checker itself, on tiny hand-made sites: it must report each kind of breakage and nothing else,
// otherwise "zero broken links" on the real build would prove nothing.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinks } from './support/check-links.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Writes `files` (path → content) into a fresh temporary directory. */
async function site(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'links-checker-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const page = (body: string): string => `<!doctype html><html><head></head><body>${body}</body></html>`;

describe('checkLinks', () => {
  it('accepts a site whose pages, assets, anchors and line anchors all resolve', async () => {
    const dist = await site({
      'index.html': page(
        '<a href="/structs/uk_thread/">s</a> <a href="structs/uk_thread/#field-flags">f</a>' +
          '<a href="/files/lib/uksched/thread.c/#L3">line</a> <a href="#_top" id="_top">top</a>' +
          '<link rel="stylesheet" href="/_astro/site.css"><img src="./logo.svg">' +
          '<a href="https://github.com/unikraft/unikraft">external</a> <a href="mailto:x@y.z">mail</a>' +
          '<a href="/zh/">zh</a> <a href="#">self</a>',
      ),
      'structs/uk_thread/index.html': page('<h2 id="field-flags">flags</h2><a href="../../">home</a>'),
      // Code pages keep their line anchors (and links) inside <pre>; the checker must look into it.
      'files/lib/uksched/thread.c/index.html': page(
        '<pre><code><span id="L1"></span><span id="L2"></span><span id="L3"><a href="#L1">1</a></span></code></pre>',
      ),
      'zh/index.html': page('<a href="../structs/uk_thread/#field-flags">f</a>'),
      '_astro/site.css': 'body{}',
      'logo.svg': '<svg/>',
    });
    const report = await checkLinks(dist);
    expect(report.broken).toEqual([]);
    expect(report.pages).toBe(4);
    expect(report.checked).toBe(11);
    expect(report.anchors).toBe(5); // `#` alone is the page itself, not an anchor
    expect(report.lineAnchors).toBe(2);
  });

  it('reports a missing page, a missing asset, a missing anchor and a missing line anchor', async () => {
    const dist = await site({
      'index.html': page(
        '<a href="/structs/gone/">gone</a> <img src="/img/missing.png">' +
          '<a href="/structs/uk_thread/#field-nope">bad anchor</a> <a href="/files/a.c/#L99">bad line</a>' +
          '<a href="#here">ok</a><p id="here"></p>',
      ),
      'structs/uk_thread/index.html': page('<h2 id="field-flags">flags</h2>'),
      'files/a.c/index.html': page('<pre><span id="L1"><a href="#L2">broken in pre</a></span></pre>'),
    });
    const report = await checkLinks(dist);
    const byPlace = (a: { page: string; url: string }, b: { page: string; url: string }) =>
      `${a.page} ${a.url}`.localeCompare(`${b.page} ${b.url}`);
    expect([...report.broken].sort(byPlace)).toEqual([
      { page: '/', attribute: 'a[href]', url: '/files/a.c/#L99', reason: 'missing-anchor' },
      { page: '/', attribute: 'img[src]', url: '/img/missing.png', reason: 'missing-target' },
      { page: '/', attribute: 'a[href]', url: '/structs/gone/', reason: 'missing-target' },
      { page: '/', attribute: 'a[href]', url: '/structs/uk_thread/#field-nope', reason: 'missing-anchor' },
      { page: '/files/a.c/', attribute: 'a[href]', url: '#L2', reason: 'missing-anchor' },
    ]);
  });

  it('resolves relative links against the page they are on, and honours a base path', async () => {
    const dist = await site({
      'index.html': page('<a href="/docs/a/">a</a>'),
      'a/index.html': page('<a href="../b/">b</a> <a href="../c/">c</a> <a href="/b/">outside base</a>'),
      'b/index.html': page(''),
    });
    const report = await checkLinks(dist, { base: '/docs' });
    expect(report.broken.map((b) => `${b.page} ${b.url}`)).toEqual(['/docs/a/ ../c/', '/docs/a/ /b/']);
  });

  it('decodes percent-escapes and entities before looking a target up', async () => {
    const dist = await site({
      'index.html': page('<a href="/files/lib/posix%2Dfutex/futex.c/#L1">x</a> <a href="/q/?a=1&amp;b=2#k">q</a>'),
      'files/lib/posix-futex/futex.c/index.html': page('<span id="L1"></span>'),
      'q/index.html': page('<i id="k"></i>'),
    });
    expect((await checkLinks(dist)).broken).toEqual([]);
  });
});
