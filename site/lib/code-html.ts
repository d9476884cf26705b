/** Turns shiki tokens into our own HTML: `#L<n>` anchors on every line and model identifiers linked to their pages. */

/** Options for one code block. */
export interface CodeHtmlOptions {
  /** First and last 1-based line to show (inclusive). */
  from: number;
  to: number;
  /** URL for an identifier the model defines, or null. */
  linkFor: (name: string) => string | null;
  /** Where a line number links (default `#L<n>` on this page). */
  lineHref?: (line: number) => string;
  /** Give lines `id="L<n>"` (only once per page). */
  anchors: boolean;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

/** What the renderer needs of a shiki token (a cached token keeps only this). */
export interface CodeToken {
  content: string;
  color?: string;
}

/** Class for a token coloured by the css-variables theme (`tk-keyword`), '' for plain text, else an inline style. */
function tokenAttr(token: CodeToken): string {
  if (!token.content.trim()) return '';
  const color = token.color ?? '';
  const v = /^var\(--shiki-token-([a-z-]+)\)$/.exec(color);
  if (v) return ` class="tk-${v[1]}"`;
  if (!color || color === 'var(--shiki-foreground)') return '';
  return ` style="color:${escapeHtml(color)}"`;
}

function linkIdentifiers(text: string, linkFor: CodeHtmlOptions['linkFor']): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/[A-Za-z_]\w*/g)) {
    const url = linkFor(m[0]);
    if (!url) continue;
    out += escapeHtml(text.slice(last, m.index)) + `<a href="${escapeHtml(url)}">${escapeHtml(m[0])}</a>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** Renders lines `from..to` as a `<pre>` block with line numbers. */
export function codeHtml(lines: CodeToken[][], options: CodeHtmlOptions): string {
  const { from, to, linkFor, anchors } = options;
  const href = options.lineHref ?? ((n: number) => `#L${n}`);
  const rows: string[] = [];
  for (let n = Math.max(1, from); n <= Math.min(to, lines.length); n++) {
    const tokens = lines[n - 1]!;
    const code = tokens
      .map((tok) => {
        const attr = tokenAttr(tok);
        const inner = linkIdentifiers(tok.content, linkFor);
        return attr ? `<span${attr}>${inner}</span>` : inner;
      })
      .join('');
    const id = anchors ? ` id="L${n}"` : '';
    rows.push(
      `<span class="line"${id}><a class="ln" href="${escapeHtml(href(n))}" aria-label="line ${n}">${n}</a>${code}</span>`,
    );
  }
  return `<pre class="uklab-code" data-language="c"><code>${rows.join('')}</code></pre>`;
}
