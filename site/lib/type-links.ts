/**
 * Splits a C type as written into text and links: struct / union / enum / typedef names to their pages, and in a type
 * written with a struct-declaring macro (`UK_STAILQ_HEAD(wait_list, struct e)`) the struct it declares, and the macro
 * itself (its page, or its definition on its file page).
 */
import { macroUrl, typedefUrl, type SymbolIndex } from './symbol-index.ts';
import { pageUrl, type Lang } from './urls.ts';

/** One piece of a type: plain text, or text linked to a page. */
export interface TypePart {
  text: string;
  url: string | null;
}

/** The pieces of `type` in order; joined, their texts give `type` back unchanged. */
export function typeParts(type: string, index: SymbolIndex, lang: Lang): TypePart[] {
  const parts: TypePart[] = [];
  let last = 0;
  for (const m of type.matchAll(/\b(?:(struct|union|enum)\s+)?([A-Za-z_]\w*)/g)) {
    const [, tag, id] = m as unknown as [string, string | undefined, string];
    let url: string | null = null;
    if ((tag === 'struct' || tag === 'union') && index.structs.has(id)) url = pageUrl('struct', id, lang);
    else if (tag === 'enum' && index.enums.has(id)) url = pageUrl('enum', id, lang);
    else if (!tag && index.typedefs.has(id)) url = typedefUrl(index, id, lang);
    else if (!tag && index.structs.get(id)?.some((s) => s.declaredBy && type.startsWith(`${s.declaredBy}(`)))
      url = pageUrl('struct', id, lang);
    else if (!tag && m.index === 0) url = macroUrl(index, id, lang);
    if (!url) continue;
    parts.push({ text: type.slice(last, m.index), url: null }, { text: m[0], url });
    last = m.index + m[0].length;
  }
  parts.push({ text: type.slice(last), url: null });
  return parts.filter((p) => p.text !== '');
}
