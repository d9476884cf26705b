/**
 * Which macros are attributes: they expand (possibly through other macros) to `__attribute__((…))`, storage or
 * inline keywords, or to nothing. Those are blanked before parsing and recorded in `attributes`, never taken for names.
 */
import type { MacroTable } from './scan-macros.ts';

/** What an attribute macro implies for the declaration it decorates. */
export interface AttributeInfo {
  /** Whether it takes an argument list (`__section(".x")`). */
  functionLike: boolean;
  inline: boolean;
  static: boolean;
}

/** Used when the headers that define them are not indexed; the MacroTable's own definitions win. */
const BUILTIN: Record<string, AttributeInfo> = {};
for (const name of [
  '__noreturn',
  '__unused',
  '__maybe_unused',
  '__used',
  '__weak',
  '__packed',
  '__uk_tls',
  '__noinline',
  '__pure',
  '__must_check',
  '__deprecated',
  '__constructor',
  '__destructor',
  '__cold',
  '__hot',
  '__nonnull',
  '__returns_nonnull',
  '__malloc',
  '__visible',
  '__no_sanitize',
  '__naked',
  '__noclone',
  '__flatten',
  '__thread',
]) {
  BUILTIN[name] = { functionLike: false, inline: false, static: false };
}
for (const name of [
  '__section',
  '__printf',
  '__align',
  '__aligned',
  '__alias',
  '__attribute__',
  '__attribute',
  '__alloc_size',
  '__scanf',
  '__format',
]) {
  BUILTIN[name] = { functionLike: true, inline: false, static: false };
}
for (const name of ['__always_inline', '__force_inline', '__inline_always']) {
  BUILTIN[name] = { functionLike: false, inline: true, static: false };
}

/** Keywords an attribute macro may expand to (besides `__attribute__((…))`), and what each implies. */
const KEYWORDS: Record<string, Partial<AttributeInfo>> = {
  inline: { inline: true },
  __inline: { inline: true },
  __inline__: { inline: true },
  static: { static: true },
  __thread: {},
  _Thread_local: {},
  thread_local: {},
  __extension__: {},
};

const cache = new WeakMap<MacroTable, Map<string, AttributeInfo | null>>();

/** Classifies `name`: attribute information, or null when it is not an attribute macro. */
export function attributeMacro(name: string, table: MacroTable): AttributeInfo | null {
  if (name === '__attribute__' || name === '__attribute') return BUILTIN[name] ?? null;
  let memo = cache.get(table);
  if (!memo) cache.set(table, (memo = new Map()));
  const known = memo.get(name);
  if (known !== undefined) return known;
  memo.set(name, null); // breaks cycles between macros
  const result = classify(name, table, memo);
  memo.set(name, result);
  return result;
}

function classify(name: string, table: MacroTable, memo: Map<string, AttributeInfo | null>): AttributeInfo | null {
  const defs = table.all(name);
  if (defs.length === 0) return BUILTIN[name] ?? null;
  const functionLike = defs[0]?.params !== null;
  const info: AttributeInfo = { functionLike, inline: false, static: false };
  let substantive = false;
  for (const def of defs) {
    if ((def.params !== null) !== functionLike) return null;
    const r = classifyBody(def.code, table, memo);
    if (!r) return null;
    if (r.substantive) substantive = true;
    info.inline ||= r.inline;
    info.static ||= r.static;
  }
  // An empty function-like macro is a compiled-out call (`UK_WARN_STUBBED()`), not an attribute.
  if (functionLike && !substantive) return null;
  return info;
}

const TOKEN = /\s*(?:([A-Za-z_]\w*)|(\()|(\S))/y;

function classifyBody(
  code: string,
  table: MacroTable,
  _memo: Map<string, AttributeInfo | null>,
): { inline: boolean; static: boolean; substantive: boolean } | null {
  const out = { inline: false, static: false, substantive: false };
  let i = 0;
  while (i < code.length) {
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(code);
    if (!m) break;
    i = TOKEN.lastIndex;
    const word = m[1];
    if (!word) {
      if (m[0].trim() === '') break;
      return null;
    }
    let takesArgs = false;
    if (word === '__attribute__' || word === '__attribute') {
      takesArgs = true;
    } else if (word in KEYWORDS) {
      const k = KEYWORDS[word] as Partial<AttributeInfo>;
      out.inline ||= k.inline ?? false;
      out.static ||= k.static ?? false;
    } else {
      const inner = attributeMacro(word, table);
      if (!inner) return null;
      out.inline ||= inner.inline;
      out.static ||= inner.static;
      takesArgs = inner.functionLike;
    }
    out.substantive = true;
    if (takesArgs) {
      const end = skipParens(code, i);
      if (end < 0) return null;
      i = end;
    }
  }
  return out;
}

/** Index after the balanced `( … )` starting at the first non-space from `i`, or -1 if there is none. */
export function skipParens(code: string, i: number): number {
  let j = i;
  while (j < code.length && /\s/.test(code[j] as string)) j++;
  if (code[j] !== '(') return -1;
  let depth = 0;
  for (; j < code.length; j++) {
    const ch = code[j];
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return j + 1;
  }
  return -1;
}
