// Explanations are rendered safely: raw HTML stays text, only safe URLs survive, {@link}s resolve or are marked.
import { describe, expect, it } from 'vitest';
import { finishMarkdown, prepareMarkdown, renderMarkdown, sharePreparedMarkdown } from '../lib/markdown.ts';
import { findLinks } from '../lib/links.ts';

const resolve = (ref: { target: string }) =>
  ref.target === 'uk_sched_yield' ? { url: '/functions/uk_sched_yield/', label: 'uk_sched_yield' } : null;

describe('renderMarkdown', () => {
  it('shows raw HTML as text, inline and as a block', () => {
    const html = renderMarkdown('a </script><img src=x onerror=alert(1)> b\n\n<div onclick="x()">block</div>\n', {
      resolve,
    });
    expect(html).not.toMatch(/<img|<div|<\/script>/);
    expect(html).toContain('&#x3C;img src=x onerror=alert(1)>');
    expect(html).toContain('&#x3C;div onclick="x()">block&#x3C;/div>');
  });

  it('drops unsafe link schemes and keeps safe ones', () => {
    const html = renderMarkdown(
      '[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](https://unikraft.org/) [d](/structs/x/) [e](data:text/html,x)',
      { resolve },
    );
    expect(html).not.toMatch(/javascript:|data:/i);
    expect(html).toContain('href="https://unikraft.org/"');
    expect(html).toContain('href="/structs/x/"');
  });

  it('links resolved references, with or without a label, and marks unresolved ones', () => {
    const html = renderMarkdown(
      '{@link uk_sched_yield} and {@link uk_sched_yield | yielding} and {@link nothing_here}',
      { resolve },
    );
    expect(html).toContain('<a href="/functions/uk_sched_yield/">uk_sched_yield</a>');
    expect(html).toContain('<a href="/functions/uk_sched_yield/">yielding</a>');
    expect(html).toContain('<code class="unresolved-link">nothing_here</code>');
  });

  it('leaves references inside code spans as written', () => {
    expect(renderMarkdown('`{@link uk_sched_yield}`', { resolve })).toBe('<p><code>{@link uk_sched_yield}</code></p>');
  });

  it('renders inline text without a paragraph for table cells', () => {
    expect(renderMarkdown('*x*', { resolve, inline: true })).toBe('<em>x</em>');
  });

  it('prepares a text once and finishes it with the links of each language', () => {
    const text = 'See {@link uk_sched_yield | <yield> & co} in [the {@link uk_sched_yield} docs](/x/) or {@link gone}.';
    const prepared = prepareMarkdown(text, false);
    const zh = (ref: { target: string }) => {
      const hit = resolve(ref);
      return hit && { ...hit, url: `/zh${hit.url}` };
    };
    expect(finishMarkdown(prepared, resolve)).toBe(
      '<p>See <a href="/functions/uk_sched_yield/">&#x3C;yield> &#x26; co</a> in <a href="/x/">the ' +
        '<a href="/functions/uk_sched_yield/">uk_sched_yield</a> docs</a> or <code class="unresolved-link">gone</code>.</p>',
    );
    expect(finishMarkdown(prepared, zh)).toBe(
      finishMarkdown(prepared, resolve).replaceAll('"/functions/', '"/zh/functions/'),
    );
  });

  it('keeps private-use characters that a text contains as they are', () => {
    const text = 'x\uE0000\uE001 \uE002 {@link uk_sched_yield}';
    expect(renderMarkdown(text, { resolve })).toBe(
      '<p>x\uE0000\uE001 \uE002 <a href="/functions/uk_sched_yield/">uk_sched_yield</a></p>',
    );
  });

  it('finishes texts prepared elsewhere (the worker) instead of preparing them again', () => {
    const text = 'prepared by the worker {@link uk_sched_yield}';
    sharePreparedMarkdown([
      { text, inline: true, prepared: { html: 'shared \uE0000\uE001', refs: findLinks(text), open: '\uE000' } },
    ]);
    expect(renderMarkdown(text, { resolve, inline: true })).toBe(
      'shared <a href="/functions/uk_sched_yield/">uk_sched_yield</a>',
    );
    expect(renderMarkdown(text, { resolve })).toBe(
      '<p>prepared by the worker <a href="/functions/uk_sched_yield/">uk_sched_yield</a></p>',
    );
  });
});

describe('findLinks', () => {
  it('reports each reference with its line', () => {
    const refs = findLinks('a\n{@link x}\n\nb {@link struct y | the y} {@link z.f}', 10);
    expect(refs.map((r) => [r.target, r.label, r.line])).toEqual([
      ['x', null, 11],
      ['struct y', 'the y', 13],
      ['z.f', null, 13],
    ]);
  });
});
