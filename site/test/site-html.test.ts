// The built site as a user meets it: HTML of the pages built from the sample tree's model, compared with the model.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSymbolIndex, optionKey, resolveSymbol, type SymbolIndex } from '../lib/symbol-index.ts';
import { loadExplanations } from '../lib/explanations.ts';
import { readLiveRecords } from '../../model/index.ts';
import { pageUrl } from '../lib/urls.ts';
import { callersOf } from '../lib/call-targets.ts';
import { astroArgs } from '../../scripts/astro-args.ts';
import {
  buildSiteOnce,
  htmlFiles,
  repo,
  sh,
  MISSING_LINK,
  MISSING_SYMBOL,
  pageFile,
  XSS,
  type BuiltSite,
} from './build-site-once.ts';

// Parse inside <pre> too (node-html-parser keeps <pre> as raw text by default).
const PARSE = { blockTextElements: { script: true, noscript: true, style: true } };
let site: BuiltSite;
let index: SymbolIndex;
const pages = new Map<string, HTMLElement>();
async function page(url: string): Promise<HTMLElement> {
  let root = pages.get(url);
  if (!root) {
    root = parse(await readFile(pageFile(site.outDir, url), 'utf8'), PARSE);
    pages.set(url, root);
  }
  return root;
}

beforeAll(async () => {
  site = await buildSiteOnce();
  const explained = await loadExplanations(site.contentDir, ['en', 'zh']);
  index = buildSymbolIndex(
    site.model,
    explained.map((e) => e.symbol),
  );
});

/** True when the build wrote a page at `url`. */
const hasPage = (url: string): Promise<boolean> =>
  readFile(pageFile(site.outDir, url), 'utf8').then(
    () => true,
    () => false,
  );

describe('every page', () => {
  it('carries the sample banner (exactly when the sources are the sample) and the version header, in both languages', async () => {
    const sample = site.model.source.origin === 'sample';
    const files = await htmlFiles(site.outDir);
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.startsWith('zh/'))).toBe(true);
    for (const f of files) {
      const root = parse(await readFile(join(site.outDir, f), 'utf8'), PARSE);
      expect(root.querySelector('.uklab-sample-banner') !== null, f).toBe(sample);
      expect(root.querySelector('.uklab-version')?.text ?? '', f).toContain(
        site.model.source.describe ?? 'unknown version',
      );
    }
  });

  it("speaks the page's language in the labels this site writes (Chinese pages carry no English label words)", async () => {
    const files = (await htmlFiles(site.outDir)).filter((f) => f.startsWith('zh/'));
    let checked = 0;
    for (const f of files) {
      const root = parse(await readFile(join(site.outDir, f), 'utf8'), PARSE);
      // The site's own labels around data (code, names and English explanations shown as a fallback are left out).
      for (const el of root.querySelectorAll('.uklab-created li, .uklab-calls li, .uklab-app th, .uklab-probes th')) {
        for (const c of el.querySelectorAll('code, a, .uklab-loc, .uklab-guard')) c.remove();
        expect(el.text, `${f}: ${el.text}`).not.toMatch(
          /\b(returns it|initialised|declared|via|Accelerator|Kernel|Timings|Probe)\b/,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("says the analyzer's evidence in Chinese on Chinese pages, from the model's parts, and as the model says on English ones", async () => {
    const evidence = '.uklab-evidence li, .uklab-stores li, .uklab-created li';
    let zh = 0;
    let en = 0;
    for (const f of await htmlFiles(site.outDir)) {
      const root = parse(await readFile(join(site.outDir, f), 'utf8'), PARSE);
      for (const el of root.querySelectorAll(evidence)) {
        for (const c of el.querySelectorAll('code, a, .uklab-loc')) c.remove();
        // Code is quoted between backticks and stays as written.
        const words = el.text.replace(/`[^`]*`/g, '');
        const english = /\b(passes|assigns|declares|as argument|file scope|in|with)\b/.test(words);
        if (f.startsWith('zh/')) {
          expect(english, `${f}: ${el.text}`).toBe(false);
          if (/赋值|参数|声明|初始化/.test(words)) zh++;
        } else if (english) en++;
      }
    }
    expect(zh).toBeGreaterThan(3);
    expect(en).toBeGreaterThan(3);
  });

  it('has a page for every struct, function, syscall, library and file in the model', async () => {
    const urls = [
      ...[...index.structs.keys()].map((n) => pageUrl('struct', n)),
      ...[...index.functions.keys()].map((n) => pageUrl('function', n)),
      ...[...index.syscalls.keys()].map((n) => pageUrl('syscall', n)),
      ...[...index.libraries.keys()].map((n) => pageUrl('library', n)),
      ...[...index.files.keys()].map((n) => pageUrl('file', n)),
    ];
    expect(index.structs.size).toBeGreaterThan(0);
    expect(index.functions.size).toBeGreaterThan(0);
    for (const url of urls) {
      await expect(
        readFile(pageFile(site.outDir, url), 'utf8').then(() => true),
        url,
      ).resolves.toBe(true);
      await expect(
        readFile(pageFile(site.outDir, `/zh${url}`), 'utf8').then(() => true),
        `/zh${url}`,
      ).resolves.toBe(true);
    }
  });
});

describe('struct pages', () => {
  it("list each definition's fields in order, with anchors for the struct's own fields", async () => {
    for (const [name, defs] of index.structs) {
      const root = await page(pageUrl('struct', name));
      for (const def of defs) {
        const table = root.querySelector(`table[data-struct="${def.id}"]`);
        expect(table, `${name} ${def.id}`).not.toBeNull();
        const own = table!.querySelectorAll('tr[data-field]').filter((tr) => !tr.classList.contains('uklab-nested'));
        expect(
          own.map((tr) => tr.getAttribute('data-field')),
          name,
        ).toEqual(def.fields.map((f) => f.name));
      }
      for (const f of defs[0]!.fields)
        expect(root.getElementById(`field-${f.name}`), `${name}.${f.name}`).not.toBeNull();
    }
  });

  it("show the model's attributes of each struct (beside its definition) and of each member (in its row)", async () => {
    let shown = 0;
    for (const [name, defs] of index.structs) {
      const root = await page(pageUrl('struct', name));
      for (const def of defs) {
        const header = root.querySelector(`[data-struct-def="${def.id}"] p`)!.text;
        for (const a of def.attributes) expect(header, `${name} ${a}`).toContain(a);
        const rows = root.querySelectorAll(`table[data-struct="${def.id}"] tr[data-field]`);
        for (const f of def.fields) {
          const cell = rows.find((tr) => tr.getAttribute('data-field-path') === f.name)?.querySelector('td')?.text;
          for (const a of f.attributes) expect(cell, `${name}.${f.name} ${a}`).toContain(a);
        }
        shown += def.attributes.length + def.fields.reduce((n, f) => n + f.attributes.length, 0);
      }
    }
    // The sample tree's uk_rwlock (__align(64)), uk_ticketlock (__packed) and uk_ticketlock_stats.spins (__align(16)).
    expect(shown).toBeGreaterThanOrEqual(3);
  });

  it("show a nested aggregate's fields right after the member holding it, named by their path", async () => {
    let nested = 0;
    for (const [name, defs] of index.structs) {
      const rows = (await page(pageUrl('struct', name)))
        .querySelectorAll(`table[data-struct="${defs[0]!.id}"] tr[data-field]`)
        .map((tr) => tr.getAttribute('data-field-path'));
      for (const f of defs[0]!.fields) {
        const inner = f.aggregate ? site.model.structs.find((x) => x.id === f.aggregate) : undefined;
        if (!inner || !f.name || !inner.fields[0]?.name) continue;
        const at = rows.indexOf(f.name);
        expect(rows[at + 1], `${name}.${f.name}`).toBe(`${f.name}.${inner.fields[0].name}`);
        nested++;
      }
    }
    expect(nested).toBeGreaterThan(0);
  });

  it('show field explanations from content/ in the field rows', async () => {
    const exps = (await loadExplanations(site.contentDir, ['en'])).filter((e) => Object.keys(e.fields).length);
    expect(exps.length).toBeGreaterThan(0);
    for (const exp of exps) {
      const name = exp.symbol.split(' ')[1]!;
      if (!index.structs.has(name)) continue;
      const root = await page(pageUrl('struct', name));
      for (const field of Object.keys(exp.fields)) {
        const row = root.getElementById(`field-${field}`);
        if (!row) continue; // a field the model lacks is a health warning, tested below
        expect(row.querySelector('.uklab-field-exp')?.text.trim().length ?? 0, `${name}.${field}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('where instances come from', () => {
  it('lists the members of other structs that hold one by value, linked to their rows, and no pointer member', async () => {
    const members = async (name: string) =>
      (await page(pageUrl('struct', name))).querySelectorAll('li.uklab-embedded').map((li) => {
        const [owner, field] = li.getAttribute('data-member')!.split('.');
        expect(li.querySelector('a')?.getAttribute('href')).toBe(`${pageUrl('struct', owner!)}#field-${field}`);
        return li.getAttribute('data-member');
      });
    // The sample tree's locks each keep their wait queues inside them; the cooperative scheduler its idle thread.
    expect((await members('uk_waitq')).sort()).toEqual([
      'uk_mutex.wait',
      'uk_rwlock.exclusive',
      'uk_rwlock.shared',
      'uk_semaphore.wait',
    ]);
    // uk_mutex.owner and uk_rwlock.owner point to a thread: not listed.
    expect(await members('uk_thread')).toEqual(['schedcoop.idle']);
    expect(await members('uk_ticketlock')).toEqual(['uk_ticketlock_stats.lock']);
  });

  it("lists every documented function that takes a struct's size, with the sizeof and the calls around it", async () => {
    let checked = 0;
    for (const f of site.model.functions.filter((x) => x.documented)) {
      for (const u of f.sizes) {
        if (!index.structs.has(u.aggregate)) continue;
        const items = (await page(pageUrl('struct', u.aggregate))).querySelectorAll('.uklab-created li.uklab-sized');
        const item = items.find(
          (li) => li.querySelector('a')?.getAttribute('href') === pageUrl(f.kind, f.name) && li.text.includes(u.text),
        );
        expect(item, `${u.aggregate}: ${f.name} ${u.text}`).toBeDefined();
        for (const c of u.within) expect(item!.text).toContain(`${c}(…)`);
        expect(item!.querySelector('.uklab-loc a')?.getAttribute('href') ?? '').toContain(`#L${u.line}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('lists every documented function that writes a field, with the fields linked to their rows', async () => {
    let checked = 0;
    for (const f of site.model.functions.filter((x) => x.documented)) {
      for (const w of f.writes) {
        if (!index.structs.has(w.aggregate)) continue;
        const item = (await page(pageUrl('struct', w.aggregate))).querySelector(
          `.uklab-writers li[data-writer="${f.name}"]`,
        );
        expect(item, `${w.aggregate}: ${f.name}`).not.toBeNull();
        expect(item!.querySelectorAll('a code').map((c) => c.text)).toContain(w.field);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('function and syscall pages', () => {
  it("list exactly the model's callees and callers", async () => {
    for (const [kind, map] of [
      ['function', index.functions],
      ['syscall', index.syscalls],
    ] as const) {
      for (const [name, list] of map) {
        const root = await page(pageUrl(kind, name));
        const shown = list.filter((f) => f.definition).length ? list.filter((f) => f.definition) : list.slice(0, 1);
        const calls = (dir: 'out' | 'in') =>
          root
            .querySelectorAll(`.uklab-calls[data-direction="${dir}"] > ul > li`)
            .map((li) => `${li.closest('.uklab-calls')!.getAttribute('data-via')}:${li.getAttribute('data-call')}`)
            .sort();
        const expectedOut = shown.flatMap((f) => f.calls.map((c) => `${c.via}:${c.to ?? ''}`)).sort();
        // Which definition a call reaches (static names, syscall symbols) is call-targets.ts's rule, tested on its own;
        // here every edge it gives the page is shown, once per call site.
        const edges = new Map(
          callersOf(index, { kind, name }).map(({ call, from }) => [
            [from.kind, from.name, from.file, call.line, call.via, call.through, call.macroChain?.join('>')].join('|'),
            `${call.via}:${from.name}`,
          ]),
        );
        const expectedIn = [...edges.values()].sort();
        expect(calls('out'), `${name} callees`).toEqual(expectedOut);
        expect(calls('in'), `${name} callers`).toEqual(expectedIn);
      }
    }
  });

  it('list every place a function is used as a value, with its evidence', async () => {
    let stores = 0;
    for (const [name, list] of index.functions) {
      const expected = [
        ...new Set(list.filter((f) => f.definition).flatMap((f) => f.stores.map((st) => st.evidence.detail))),
      ].sort();
      const shown = (await page(pageUrl('function', name)))
        .querySelectorAll('.uklab-stores li')
        .map((li) =>
          li.text
            .split(' — ')[0]!
            .trim()
            .replace(/ \([^()]*\)$/, ''),
        )
        .sort();
      expect(shown, name).toEqual(expected);
      stores += expected.length;
    }
    expect(stores).toBeGreaterThan(0);
  });

  it('name the Makefile.uk condition of the file a definition is compiled in', async () => {
    let conditional = 0;
    for (const [name, list] of index.functions) {
      const def = list.find((f) => f.definition);
      if (!def) continue;
      const entry = site.model.libraries.flatMap((l) => l.sources).find((src) => src.file === def.file);
      const shown = (await page(pageUrl('function', name))).querySelector('[data-built-under]');
      expect(shown?.querySelector('.uklab-guard')?.text ?? null, name).toBe(entry?.config ?? null);
      if (entry?.config) conditional++;
    }
    expect(conditional).toBeGreaterThan(0);
  });

  it('show the signature, the source slice and a call-graph diagram whose source is readable without JS', async () => {
    for (const [name, list] of index.functions) {
      const root = await page(pageUrl('function', name));
      expect(root.querySelector('.uklab-signature')?.text, name).toContain(name);
      const defs = list.filter((f) => f.definition);
      const lines = defs.reduce((n, f) => n + f.endLine - f.line + 1, 0);
      if (defs.length) expect(root.querySelectorAll('.uklab-source .line').length, name).toBe(lines);
      expect(root.querySelectorAll('.uklab-def').length, name).toBe(defs.length || 1);
      expect(root.querySelector('.uklab-diagram pre.uklab-mermaid-src')?.text, name).toMatch(/^flowchart LR/);
    }
  });
});

describe('explanations', () => {
  it('appear on the page of their symbol, in their language, with an English fallback on Chinese pages', async () => {
    const all = await loadExplanations(site.contentDir, ['en', 'zh']);
    let checked = 0;
    for (const exp of all) {
      const hit = resolveSymbol(index, exp.symbol);
      if (!hit || hit.kind === 'global') continue;
      const url = (exp.lang === 'zh' ? '/zh' : '') + hit.url;
      const root = await page(url);
      const shown = root.querySelectorAll('.uklab-explanation').map((s) => s.getAttribute('data-explanation'));
      expect(shown, `${exp.file} on ${url}`).toContain(exp.file);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    for (const exp of all.filter((e) => e.lang === 'en')) {
      const hit = resolveSymbol(index, exp.symbol);
      if (!hit || hit.kind === 'global') continue;
      if (all.some((z) => z.lang === 'zh' && resolveSymbol(index, z.symbol)?.url === hit.url)) continue;
      const root = await page(`/zh${hit.url}`);
      expect(root.querySelector('.uklab-fallback'), `/zh${hit.url}`).not.toBeNull();
    }
  });

  it('turn {@link} references into links to the named pages', async () => {
    const all = await loadExplanations(site.contentDir, ['en']);
    const exp = all.find((e) => e.links.some((l) => resolveSymbol(index, l.target)) && resolveSymbol(index, e.symbol));
    expect(exp).toBeDefined();
    const root = await page(resolveSymbol(index, exp!.symbol)!.url);
    const hrefs = root.querySelectorAll('.uklab-explanation a, .uklab-field-exp a').map((a) => a.getAttribute('href'));
    const target = exp!.links.map((l) => resolveSymbol(index, l.target)).find(Boolean)!;
    expect(hrefs).toContain(target.url);
  });
});

describe('docs health page', () => {
  it('lists the explanation whose symbol is missing and the unresolved link, with file and line', async () => {
    const root = await page('/health/');
    const rows = root.querySelectorAll('table.uklab-health-warnings tr[data-code]');
    const missing = rows.find((r) => r.getAttribute('data-subject') === MISSING_SYMBOL);
    expect(missing?.text).toContain(`${site.crafted.missing}:2`);
    const link = rows.find((r) => r.getAttribute('data-subject') === MISSING_LINK);
    expect(link?.text).toContain(`${site.crafted.missing}:6`);
    expect(root.querySelectorAll('table.uklab-diagnostics tr[data-severity]').length).toBe(
      site.model.diagnostics.length,
    );
  });

  it("lists the analyzer's diagnostics in both languages: Chinese severity and meaning, the message marked English", async () => {
    // The sample tree has one on purpose (an X-macro list tree-sitter cannot parse).
    expect(site.model.diagnostics.length).toBeGreaterThan(0);
    for (const lang of ['en', 'zh'] as const) {
      const rows = (await page(lang === 'en' ? '/health/' : '/zh/health/')).querySelectorAll(
        'table.uklab-diagnostics tr[data-severity]',
      );
      expect(rows.length, lang).toBe(site.model.diagnostics.length);
      rows.forEach((row, i) => {
        const d = site.model.diagnostics[i]!;
        const [severity, code, , message] = row.querySelectorAll('td');
        expect(code!.querySelector('code')?.text).toBe(d.code);
        expect(message!.text).toContain(d.message);
        if (lang === 'en') {
          expect(severity!.text).toBe(d.severity);
          expect(message!.querySelector('[lang]')).toBeNull();
        } else {
          expect(severity!.text).toMatch(/^\p{Script=Han}+$/u);
          expect(code!.text.replace(d.code, '')).toMatch(/\p{Script=Han}/u);
          expect(message!.querySelector('span[lang="en"]')?.text).toBe(d.message);
        }
      });
    }
  });
});

describe('source file pages', () => {
  it('have an #L anchor on every line and link the functions defined in them', async () => {
    for (const [path, file] of index.files) {
      const root = await page(pageUrl('file', path));
      const lines = root.querySelectorAll('.uklab-code .line[id]');
      expect(lines.length, path).toBe(file.lines);
      expect(lines[0]?.id).toBe('L1');
      // Kept out of search whole: Pagefind does not even walk the listing (`="all"`, see SourceSlice.astro).
      expect(root.querySelector('.uklab-source')?.getAttribute('data-pagefind-ignore'), path).toBe('all');
      const hrefs = new Set(root.querySelectorAll('.uklab-code a:not(.ln)').map((a) => a.getAttribute('href')));
      for (const f of site.model.functions.filter(
        (x) => x.file === path && x.definition && x.documented && x.kind === 'function',
      )) {
        const text = lines[f.line - 1]?.text ?? '';
        if (new RegExp(`\\b${f.name}\\b`).test(text))
          expect(hrefs, `${path}: ${f.name}`).toContain(pageUrl('function', f.name));
      }
    }
  });
});

describe('macro pages', () => {
  it('exist for function-like macros; every macro is listed on its file page, a constant linked to its line', async () => {
    const explained = site.crafted.constant;
    let constants = 0;
    let notes = 0;
    for (const [name, defs] of index.macros) {
      const own = await hasPage(pageUrl('macro', name));
      const paged = defs.some((m) => m.params) || name === explained;
      expect(own, paged ? `${name} has a page` : `${name} is a constant: no page of its own`).toBe(paged);
      if (!paged) constants++;
      for (const m of defs) {
        const root = await page(pageUrl('file', m.file));
        const items = root
          .querySelectorAll('.uklab-macro-list li')
          .filter((li) => li.querySelector('a code')?.text === name);
        const hrefs = items.map((li) => li.querySelector('a')?.getAttribute('href'));
        expect(hrefs, `${name} in ${m.file}`).toContain(paged ? pageUrl('macro', name) : `#L${m.line}`);
        // Its note is the first line of the analyzer's doc (a `/**< … */` after a constant included).
        const note = m.doc?.split('\n')[0]?.trim();
        if (note) expect(items.map((li) => li.text).join('\n'), name).toContain(`— ${note.slice(0, 90)}`);
        if (note) notes++;
      }
    }
    expect(constants).toBeGreaterThan(0);
    // The sample tree's UK_THREADF_RUNNABLE has a trailing `/**< … */` note.
    expect(index.macros.get('UK_THREADF_RUNNABLE')?.[0]?.doc).toMatch(/scheduler may pick/);
    expect(notes).toBeGreaterThan(0);
  });

  it('list what each file-scope use of a macro declares (registrations), with its line', async () => {
    let uses = 0;
    for (const name of index.macroPages) {
      const expected = [...site.model.globals, ...site.model.structs]
        .filter((e) => e.documented && e.declaredBy === name)
        .map((e) => `${e.file}:${e.line}`)
        .sort();
      const shown = (await page(pageUrl('macro', name)))
        .querySelectorAll('[data-file-scope] li')
        .map((li) => /([\w./-]+:\d+)/.exec(li.querySelector('a')?.text ?? '')?.[1])
        .sort();
      expect(shown, name).toEqual(expected);
      uses += expected.length;
    }
    expect(uses).toBeGreaterThan(0);
  });

  it('give an explained constant a page with its explanation, and link it from the code that uses it', async () => {
    const name = site.crafted.constant;
    expect(name).not.toBeNull();
    const root = await page(pageUrl('macro', name!));
    expect(root.querySelector('.uklab-explanation')?.text).toContain('Why this constant matters.');
    const file = index.macros.get(name!)![0]!.file;
    const hrefs = (await page(pageUrl('file', file)))
      .querySelectorAll('.uklab-code a')
      .map((a) => a.getAttribute('href'));
    expect(hrefs).toContain(pageUrl('macro', name!));
  });
});

describe('typedefs and options', () => {
  it('typedefs: a page only when explained; each is listed on its file page, linked to its line or page', async () => {
    const explained = site.crafted.typedef;
    expect(explained).not.toBeNull();
    expect(index.typedefs.size).toBeGreaterThan(1);
    for (const [name, defs] of index.typedefs) {
      const paged = name === explained;
      expect(await hasPage(pageUrl('typedef', name)), name).toBe(paged);
      for (const d of defs) {
        const items = (await page(pageUrl('file', d.file)))
          .querySelectorAll('.uklab-typedef-list li')
          .filter((li) => li.querySelector('a code')?.text === name);
        const hrefs = items.map((li) => li.querySelector('a')?.getAttribute('href'));
        expect(hrefs, `${name} in ${d.file}`).toContain(paged ? pageUrl('typedef', name) : `#L${d.line}`);
      }
    }
    const root = await page(pageUrl('typedef', explained!));
    expect(root.querySelector('.uklab-explanation')?.text).toContain('Why this typedef matters.');
  });

  it("options: a page only when explained; each has a row (#CONFIG_…) in its library's table, linked from guards", async () => {
    const explained = site.crafted.option;
    expect(explained).not.toBeNull();
    for (const [key, { library }] of index.options) {
      const paged = key === explained;
      expect(await hasPage(pageUrl('option', key)), key).toBe(paged);
      const row = (await page(pageUrl('library', library))).querySelector(`tr[id="${key}"]`);
      expect(row, `${key} row`).not.toBeNull();
      expect(row!.querySelector('a')?.getAttribute('href')).toBe(paged ? pageUrl('option', key) : `#${key}`);
    }
    expect((await page(pageUrl('option', explained!))).querySelector('.uklab-explanation')?.text).toContain(
      'Why this option matters.',
    );
    // A guard naming an option links to where the option is documented.
    const guarded = site.model.functions.find(
      (f) => f.documented && f.kind === 'function' && f.definition && f.guard.some((g) => /CONFIG_\w+/.test(g)),
    );
    expect(guarded).toBeDefined();
    const key = /CONFIG_\w+/.exec(guarded!.guard.find((g) => /CONFIG_\w+/.test(g))!)![0];
    const hrefs = (await page(pageUrl('function', guarded!.name)))
      .querySelectorAll('.uklab-guard a')
      .map((a) => a.getAttribute('href'));
    const lib = index.options.get(key)?.library;
    if (lib) expect(hrefs).toContain(key === explained ? pageUrl('option', key) : `${pageUrl('library', lib)}#${key}`);
  });
});

describe('library pages', () => {
  it("options: each row shows the blocks' conditions, the range, and that an option without a prompt is hidden", async () => {
    let blocks = 0;
    let ranges = 0;
    let hidden = 0;
    for (const lib of site.model.libraries) {
      const root = await page(pageUrl('library', lib.name));
      for (const o of lib.config) {
        const row = root.querySelector(`tr[data-option="${optionKey(o.name)}"]`)!;
        const fromBlock = row.querySelectorAll('[data-from-block] code').map((c) => c.text);
        expect(fromBlock, o.name).toEqual(o.guard);
        blocks += fromBlock.length;
        if (o.range) {
          expect(row.text, o.name).toContain(o.range);
          ranges++;
        }
        expect(row.querySelector('[data-no-prompt]') !== null, o.name).toBe(!o.prompt);
        if (!o.prompt) hidden++;
      }
    }
    expect([blocks > 0, ranges > 0, hidden > 0]).toEqual([true, true, true]);
  });

  it('exports: each links to its definition, and one without a definition in the model says so', async () => {
    let undefinedSeen = 0;
    for (const lib of site.model.libraries) {
      const root = await page(pageUrl('library', lib.name));
      for (const e of lib.exports) {
        const item = root.querySelector(`li[data-export="${e}"]`)!;
        const defined =
          site.model.functions.some(
            (f) =>
              (f.name === e && f.definition && !f.static) ||
              (f.kind === 'syscall' && e.endsWith(`_${f.name}`) && /^uk_syscall_[re]_/.test(e)),
          ) || site.model.globals.some((g) => g.name === e);
        expect(item.querySelector('[data-export-undefined]') === null, e).toBe(defined);
        if (!defined) undefinedSeen++;
      }
    }
    expect(undefinedSeen).toBeGreaterThan(0);
  });
});

describe('crafted input cannot inject markup', () => {
  it('shows a doc comment and an explanation holding </script><img onerror> as text', async () => {
    const files = await htmlFiles(site.outDir);
    for (const f of files) {
      const html = await readFile(join(site.outDir, f), 'utf8');
      const root = parse(html, PARSE);
      expect(root.querySelectorAll('img[onerror]').length, f).toBe(0);
      expect(html, f).not.toContain('<img src=x');
      expect(html, f).not.toContain('href="javascript:');
    }
    const struct = site.model.structs.find((s) => s.fields[0]?.doc?.includes(XSS))!;
    const sroot = await page(pageUrl('struct', struct.name!));
    expect(sroot.querySelector(`tr[data-field="${struct.fields[0]!.name}"] .uklab-doc`)?.text).toBe(`field doc ${XSS}`);
    const fn = site.model.functions.find((f) => f.doc?.includes(XSS))!;
    const froot = await page(pageUrl(fn.kind, fn.name));
    expect(froot.querySelector('.uklab-doc')?.text).toBe(`function doc ${XSS}`);
    const xssFile = (await loadExplanations(site.contentDir, ['en'])).find((e) => e.file === site.crafted.xss)!;
    const eroot = await page(resolveSymbol(index, xssFile.symbol)!.url);
    expect(eroot.querySelector('.uklab-explanation')?.text).toContain(XSS);
  });
});

describe('--strict', () => {
  it('fails the build and names the explanation file and line of each problem', async () => {
    const r = await sh(process.execPath, astroArgs(repo, 'build'), {
      UNIKRAFTLAB_MODEL: site.modelPath,
      UNIKRAFTLAB_CONTENT: site.contentDir,
      UNIKRAFTLAB_OUT_DIR: join(site.dir, 'strict-dist'),
      UNIKRAFTLAB_CACHE_DIR: join(site.dir, 'astro-cache'),
      UNIKRAFTLAB_STRICT: '1',
    });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain(`${site.crafted.missing}:2`);
    expect(r.out).toContain(`${site.crafted.missing}:6`);
  });
});

describe('live records', () => {
  it('get an /apps/<app>/ page with their outcome, and a terminal block on the pages of related libraries', async () => {
    const records = await readLiveRecords(join(site.contentDir, 'live'));
    for (const r of records) {
      const root = await page(`/apps/${r.app}/`);
      expect(root.querySelector('[data-outcome]')?.getAttribute('data-outcome'), r.app).toBe(r.outcome);
      for (const lib of r.related.libraries.filter((l) => index.libraries.has(l))) {
        const libPage = await page(`/libraries/${lib}/`);
        expect(libPage.querySelector(`.uklab-terminal[data-app="${r.app}"]`), `${r.app} on ${lib}`).not.toBeNull();
      }
    }
  });
});
