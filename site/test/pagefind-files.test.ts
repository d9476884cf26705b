// The pieces of indexing during the build: page URL → written file, "has Astro finished writing it", and globs that
// name exactly one file for Pagefind (asked of the real Pagefind binary).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactGlob, htmlFiles, isWritten, pageFile } from '../lib/pagefind-files.ts';

const page = (title: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1><p>text of ${title}</p></main></body></html>\n`;

describe('pagefind files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unikraftlab-pagefind-'));
    for (const [rel, body] of [
      ['index.html', page('home')],
      ['functions/f[1]/index.html', page('bracketed')],
      ['functions/f1/index.html', page('plain')],
      ['zh/structs/s/index.html', page('zh struct')],
      ['404.html', page('missing')],
      ['pagefind/x.html', page('not a page')],
      ['half/index.html', page('half').slice(0, 40)],
    ] as const) {
      await mkdir(join(dir, rel, '..'), { recursive: true });
      await writeFile(join(dir, rel), body);
    }
  });
  afterAll(async () => {
    await pagefind.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('maps page URLs to the files Astro writes', () => {
    expect(pageFile('/')).toBe('index.html');
    expect(pageFile('/functions/uk_sched_yield/')).toBe('functions/uk_sched_yield/index.html');
    expect(pageFile('/functions/uk_sched_yield')).toBe('functions/uk_sched_yield/index.html');
    expect(pageFile('/zh/files/lib/uksched/thread.c/')).toBe('zh/files/lib/uksched/thread.c/index.html');
    expect(pageFile('/404')).toBe('404.html');
    expect(pageFile('/functions/a%5B1%5D/')).toBe('functions/a[1]/index.html');
  });

  it('tells a finished page from a missing or half-written one', () => {
    expect(isWritten(join(dir, 'index.html'))).toBe(true);
    expect(isWritten(join(dir, 'half/index.html'))).toBe(false);
    expect(isWritten(join(dir, 'nowhere/index.html'))).toBe(false);
  });

  it('lists the HTML pages of a build, not those of pagefind/ or vendor/', async () => {
    expect((await htmlFiles(dir)).sort()).toEqual([
      '404.html',
      'functions/f1/index.html',
      'functions/f[1]/index.html',
      'half/index.html',
      'index.html',
      'zh/structs/s/index.html',
    ]);
  });

  it('names exactly one file for Pagefind, even with glob characters in it', async () => {
    const urls = async (globs: string[]) => {
      const { index } = await pagefind.createIndex();
      for (const glob of globs) expect((await index!.addDirectory({ path: dir, glob })).page_count).toBe(1);
      const { files } = await index!.getFiles();
      await index!.deleteIndex();
      return files
        .filter((f) => f.path.startsWith('fragment/'))
        .map(
          (f) =>
            (
              JSON.parse(
                gunzipSync(f.content)
                  .toString('utf8')
                  .replace(/^pagefind_dcd/, ''),
              ) as { url: string }
            ).url,
        )
        .sort();
    };
    expect(await urls([exactGlob('functions/f[1]/index.html')])).toEqual(['/functions/f[1]/']);
    expect(await urls([exactGlob('functions/f1/index.html')])).toEqual(['/functions/f1/']);
    // Unescaped, the brackets are a character class and name the other page: the escaping matters.
    expect(await urls(['functions/f[1]/index.html'])).toEqual(['/functions/f1/']);
  });
});
