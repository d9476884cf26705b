/**
 * Which identifiers in highlighted code link where: every name the model documents (its page, or where it is shown),
 * read the way C reads it in that file. A function or syscall name goes to the definition a call from this file
 * reaches (call-targets.ts: the file's own static function before a syscall or another file's function of that name);
 * the name a syscall definition macro defines goes to the syscall; a word after `.` or `->` is a field and a word
 * declared as a variable or field (`struct uk_waitq wait;`) is not a function, so neither links to one.
 */
import { SYSCALL_MACRO } from '../../model/index.ts';
import type { IdentifierContext } from './code-html.ts';
import { callTarget } from './call-targets.ts';
import { macroUrl, optionUrl, typedefUrl, type SymbolIndex } from './symbol-index.ts';
import { pageUrl, type Lang } from './urls.ts';

type Linker = (name: string, context: IdentifierContext) => string | null;

const cache = new WeakMap<SymbolIndex, Map<string, Linker>>();
const others = new WeakMap<SymbolIndex, Map<Lang, Map<string, string>>>();

/** Pages of the names that are not functions: macros, typedefs, enums, structs, options (one map per language). */
function otherPages(index: SymbolIndex, lang: Lang): Map<string, string> {
  let byLang = others.get(index);
  if (!byLang) others.set(index, (byLang = new Map()));
  let map = byLang.get(lang);
  if (!map) {
    map = new Map<string, string>();
    for (const n of index.macros.keys()) map.set(n, macroUrl(index, n, lang)!);
    for (const n of index.typedefs.keys()) map.set(n, typedefUrl(index, n, lang)!);
    for (const n of index.enums.keys()) map.set(n, pageUrl('enum', n, lang));
    for (const n of index.structs.keys()) map.set(n, pageUrl('struct', n, lang));
    for (const n of index.options.keys()) map.set(n, optionUrl(index, n, lang)!);
    byLang.set(lang, map);
  }
  return map;
}

/** `UK_SYSCALL_R_DEFINE(int, ` right before the name: the syscall being defined. */
const SYSCALL_HEAD = new RegExp(`\\b${SYSCALL_MACRO}\\s*\\(\\s*[^,()]*(?:\\([^()]*\\)[^,()]*)*,\\s*$`);
/** A field: after `.` or `->`. */
const MEMBER = /(?:\.|->)\s*$/;
/** A declared variable or field: a type word or `*` before, `;`, `,`, `[`, `=`, `:` or `)` after. */
const DECLARED_BEFORE = /(?:[A-Za-z_0-9]|\*)\s*$/;
const DECLARED_AFTER = /^\s*[;,[=:)]/;

/**
 * The linker for the code of `file` in `lang`, built once per index, language and file: the same function every time,
 * so code-html.ts can reuse the lines it rendered with it.
 */
export function identifierLinker(index: SymbolIndex, lang: Lang, file: string): Linker {
  let byKey = cache.get(index);
  if (!byKey) cache.set(index, (byKey = new Map()));
  const key = `${lang}\0${file}`;
  let linker = byKey.get(key);
  if (!linker) {
    const map = otherPages(index, lang);
    linker = (name, { before, after }) => {
      const isFunction = index.functions.has(name) || index.syscalls.has(name);
      if (isFunction) {
        if (index.syscalls.has(name) && SYSCALL_HEAD.test(before)) return pageUrl('syscall', name, lang);
        const declared = DECLARED_BEFORE.test(before) && DECLARED_AFTER.test(after);
        if (!MEMBER.test(before) && !declared) {
          const target = callTarget(index, name, file);
          if (target) return pageUrl(target.kind, target.name, lang);
        }
      }
      if (MEMBER.test(before)) return null;
      return map.get(name) ?? null;
    };
    byKey.set(key, linker);
  }
  return linker;
}
