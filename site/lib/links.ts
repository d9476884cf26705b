/** `{@link target}` / `{@link target | label}` references inside explanation text. */

/** One reference as written, with its 1-based line in the file it came from. */
export interface LinkRef {
  target: string;
  label: string | null;
  line: number;
  raw: string;
}

const LINK = /\{@link\s+([^}|]+?)\s*(?:\|\s*([^}]*?)\s*)?\}/g;

/** Finds every reference in `text`; `firstLine` is the file line `text` starts on. */
export function findLinks(text: string, firstLine = 1): LinkRef[] {
  const out: LinkRef[] = [];
  for (const m of text.matchAll(LINK)) {
    const line = firstLine + text.slice(0, m.index).split('\n').length - 1;
    out.push({ target: m[1]!.trim(), label: m[2]?.trim() || null, line, raw: m[0] });
  }
  return out;
}

/** Replaces every reference with what `render` returns for it. */
export function replaceLinks(text: string, render: (ref: LinkRef) => string): string {
  return text.replace(LINK, (raw, target: string, label: string | undefined) =>
    render({ target: target.trim(), label: label?.trim() || null, line: 0, raw }),
  );
}
