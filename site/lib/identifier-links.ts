/** Which identifiers in highlighted code link where: every name the model documents (its page, or where it is shown). */
import { macroUrl, optionUrl, typedefUrl, type SymbolIndex } from './symbol-index.ts';
import { pageUrl, type Lang } from './urls.ts';

const cache = new WeakMap<SymbolIndex, Map<Lang, (name: string) => string | null>>();

/**
 * A lookup from identifier to page URL for `lang`, built once per index and language: the same function every time,
 * so code-html.ts can reuse the lines it rendered with it.
 */
export function identifierLinker(index: SymbolIndex, lang: Lang): (name: string) => string | null {
  let byLang = cache.get(index);
  if (!byLang) cache.set(index, (byLang = new Map()));
  let linker = byLang.get(lang);
  if (!linker) {
    const map = new Map<string, string>();
    for (const n of index.macros.keys()) map.set(n, macroUrl(index, n, lang)!);
    for (const n of index.typedefs.keys()) map.set(n, typedefUrl(index, n, lang)!);
    for (const n of index.enums.keys()) map.set(n, pageUrl('enum', n, lang));
    for (const n of index.structs.keys()) map.set(n, pageUrl('struct', n, lang));
    for (const n of index.syscalls.keys()) if (!index.functions.has(n)) map.set(n, pageUrl('syscall', n, lang));
    for (const n of index.functions.keys()) map.set(n, pageUrl('function', n, lang));
    for (const n of index.options.keys()) map.set(n, optionUrl(index, n, lang)!);
    linker = (name) => map.get(name) ?? null;
    byLang.set(lang, linker);
  }
  return linker;
}
