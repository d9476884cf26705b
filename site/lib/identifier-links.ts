/** Which identifiers in highlighted code link where: every name the model documents (its page, or where it is shown). */
import { macroUrl, optionUrl, typedefUrl, type SymbolIndex } from './symbol-index.ts';
import { pageUrl, type Lang } from './urls.ts';

const cache = new Map<string, Map<string, string>>();

/** A lookup from identifier to page URL for `lang` (built once per language). */
export function identifierLinker(index: SymbolIndex, lang: Lang): (name: string) => string | null {
  let map = cache.get(lang);
  if (!map) {
    map = new Map();
    for (const n of index.macros.keys()) map.set(n, macroUrl(index, n, lang)!);
    for (const n of index.typedefs.keys()) map.set(n, typedefUrl(index, n, lang)!);
    for (const n of index.enums.keys()) map.set(n, pageUrl('enum', n, lang));
    for (const n of index.structs.keys()) map.set(n, pageUrl('struct', n, lang));
    for (const n of index.syscalls.keys()) if (!index.functions.has(n)) map.set(n, pageUrl('syscall', n, lang));
    for (const n of index.functions.keys()) map.set(n, pageUrl('function', n, lang));
    for (const n of index.options.keys()) map.set(n, optionUrl(index, n, lang)!);
    cache.set(lang, map);
  }
  const m = map;
  return (name) => m.get(name) ?? null;
}
