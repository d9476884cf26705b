/**
 * Same-length rewriting of a C file before tree-sitter sees it: attribute macros become spaces, and syscall-definition
 * macros become plain function headers (`UK_SYSCALL_R_DEFINE(int, f, int, a)` → `int f(int a)` padded with spaces), as
 * do other macro heads of function definitions (`UK_TESTCASE(s, f) { … }`, see macro-heads.ts). In function bodies, type
 * names passed to macros become identifiers (`struct uk_futex` → `struct_uk_futex`), and a loop macro followed by
 * a statement gets the `;` tree-sitter would otherwise assume (see body-macros.ts).
 * Newlines never move, so every offset and line of the parse is also one of the file.
 */
import { attributeMacro } from './attribute-macros.ts';
import { findFileScopeMacros, type MacroHeadCall, type MacroStatement } from './file-scope-macros.ts';
import { findMacroHeads, type MacroHead } from './macro-heads.ts';
import { blankOut, maskCode, type MaskedCode } from './mask-code.ts';
import { cachedLex, type MacroTable } from './scan-macros.ts';
import { scanPreprocessor, type PreprocessorScan } from './scan-preprocessor.ts';
import { findSyscallHeaders, type SyscallHeader } from './syscall-headers.ts';
import { bodyMacroEdits } from './body-macros.ts';
import { lineStartsOf } from './line-offsets.ts';

/** One attribute (macro or `__attribute__((…))`) blanked out of the parsed text. */
export interface AttributeUse {
  /** As written, whitespace collapsed: `__section(".uk_thread_inittab")`. */
  text: string;
  name: string;
  start: number;
  end: number;
  inline: boolean;
  static: boolean;
}

/** The rewritten text and everything learned on the way, for the extractor to reuse. */
export interface Preprocessed {
  parsedText: string;
  /**
   * `parsedText` before type macros were flattened (`UK_TAILQ_ENTRY(struct uk_thread)` is still written out):
   * same length and offsets, used to read types as written.
   */
  readableText: string;
  /**
   * `parsedText` with the macro uses of function bodies as written (see body-macros.ts): what the call graph scans,
   * where `struct_uk_futex` would pass for a name and a loop macro's arguments would be gone. Same length and offsets.
   */
  scanText: string;
  /** The lexical pass, with code only a C++ compiler sees blanked in `masked.code`. */
  masked: MaskedCode;
  scan: PreprocessorScan;
  lineStarts: number[];
  attributes: AttributeUse[];
  syscalls: SyscallHeader[];
  /** File-scope macro statements (blanked in `parsedText`; the extractor reads their expansion). */
  macroStatements: MacroStatement[];
  /** Macro heads of function definitions, rewritten into function declarators (see macro-heads.ts). */
  macroHeads: MacroHead[];
}

const IDENT = /[A-Za-z_]\w*/g;

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping same-length edits (a later edit overlapping an earlier one is dropped). */
function applyEdits(text: string, edits: Edit[]): string {
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const e of edits) {
    if (e.start < last) continue;
    out += text.slice(last, e.start) + e.text;
    last = e.end;
  }
  return out + text.slice(last);
}

/** Rewrites `text` for parsing; see the module comment. */
export function preprocessC(text: string, macros: MacroTable, path?: string): Preprocessed {
  const cached = path === undefined ? undefined : cachedLex(macros, path, text);
  const lexed = cached ? cached.masked : maskCode(text);
  const scan = cached ? cached.scan : scanPreprocessor(text, lexed.code);
  const lineStarts = lineStartsOf(text);
  const attributes: AttributeUse[] = [];
  const edits: Edit[] = [];
  const typeEdits: Edit[] = [];
  const dl = scan.directiveLines;

  // Code only a C++ compiler sees (`#ifdef __cplusplus` / `extern "C" {` / `#endif`) is blanked, in the masked code
  // that every text scan uses too (its `{` would put the whole file at depth 1).
  const cppEdits: Edit[] = [];
  if (lexed.code.includes('__cplusplus')) {
    for (let l = 1; l < lineStarts.length + 1; l++) {
      const g = scan.guards[l];
      if (g && g.length && g.includes('defined(__cplusplus)') && !dl.has(l)) {
        const from = lineStarts[l - 1] as number;
        const to = l < lineStarts.length ? (lineStarts[l] as number) - 1 : text.length;
        if (to > from) cppEdits.push({ start: from, end: to, text: blank(text.slice(from, to)) });
      }
    }
  }
  const code = cppEdits.length ? applyEdits(lexed.code, [...cppEdits]) : lexed.code;
  const masked: MaskedCode = { code, comments: lexed.comments };
  edits.push(...cppEdits);
  // Comments become spaces: the tree never needs them (doc comments come from `masked.comments`), and a comment
  // inside a multi-line #define confuses tree-sitter's directive parsing.
  for (const c of masked.comments) edits.push({ start: c.start, end: c.end, text: blank(text.slice(c.start, c.end)) });

  IDENT.lastIndex = 0;
  let line = 1;
  let nextLineStart = lineStarts[1] ?? Infinity;
  for (let m = IDENT.exec(code); m; m = IDENT.exec(code)) {
    const name = m[0];
    if (name.charCodeAt(0) !== 95 /* _ */ && !macros.has(name)) continue;
    while (m.index >= nextLineStart) nextLineStart = lineStarts[++line] ?? Infinity;
    if (dl.has(line)) continue;
    const info = attributeMacro(name, macros);
    if (!info) {
      if (isTypeMacro(name, macros)) {
        // `UK_TAILQ_ENTRY(struct uk_thread)` → `UK_TAILQ_ENTRY_________________`: one type name, same length.
        const close = skipBalanced(code, m.index + name.length);
        if (close > 0 && !code.slice(m.index, close).includes('\n')) {
          typeEdits.push({ start: m.index, end: close, text: name.padEnd(close - m.index, '_') });
          IDENT.lastIndex = close;
        }
      }
      continue;
    }
    let end = m.index + name.length;
    if (info.functionLike) {
      const close = skipBalanced(code, end);
      if (close < 0) continue;
      end = close;
    }
    attributes.push({
      text: text.slice(m.index, end).replace(/\s+/g, ' '),
      name,
      start: m.index,
      end,
      inline: info.inline,
      static: info.static,
    });
    edits.push({ start: m.index, end, text: blank(text.slice(m.index, end)) });
    IDENT.lastIndex = end;
  }

  // In function bodies, `uk_list_entry(itr, struct uk_futex, list_node)`: the type argument becomes one identifier;
  // `uk_list_for_each(itr, head) {`: a `;` goes in the blank before the block (see body-macros.ts).
  const bodyEdits = bodyMacroEdits(code, dl, macros);

  const stage1 = applyEdits(text, edits);
  // Syscall headers are rewritten on top of that, so their arguments are already free of attributes and comments.
  const syscalls = code.includes('SYSCALL') ? findSyscallHeaders(code, lineStarts, dl) : [];
  const headerEdits: Edit[] = [];
  for (const h of syscalls) {
    h.argTexts = h.args.map((a) => stage1.slice(a.start, a.end).replace(/\s+/g, ' ').trim());
    if (h.sharesBodyWith !== null) {
      // `#if X` header `#else` header `#endif` body: tree-sitter gets only the last header, right before the body.
      headerEdits.push({ start: h.start, end: h.sharesBodyWith, text: blank(stage1.slice(h.start, h.sharesBodyWith)) });
      const opening = openingDirective(code, h.start);
      if (opening) headerEdits.push({ ...opening, text: blank(stage1.slice(opening.start, opening.end)) });
      continue;
    }
    const replacement = syscallHeaderText(stage1, h);
    if (replacement !== null) headerEdits.push({ start: h.start, end: h.end, text: replacement });
    if (h.body && syscalls.some((o) => o.sharesBodyWith === h.start)) {
      headerEdits.push({ start: h.end, end: h.body.start, text: blank(stage1.slice(h.end, h.body.start)) });
    }
  }
  // File-scope macro statements (registrations, `UK_TAILQ_HEAD(…);`) are read from their expansion by the extractor;
  // tree-sitter would only stumble on them and sometimes swallow the next declaration. A macro call followed by a
  // body may be the head of a function definition: rewritten into the declarator its expansion ends with.
  const calls: MacroHeadCall[] = [];
  const macroStatements = findFileScopeMacros(code, lineStarts, dl, macros, calls);
  const macroHeads = calls.length ? findMacroHeads(calls, code, macros) : [];
  let kept = attributes;
  let keptTypeEdits = typeEdits;
  if (macroHeads.length) {
    for (const h of macroHeads) headerEdits.push({ start: h.start, end: h.end, text: h.text });
    // Whatever was found inside a rewritten head is gone from the parsed text.
    kept = attributes.filter((a) => !inHeadOf(macroHeads, a));
    keptTypeEdits = typeEdits.filter((e) => !inHeadOf(macroHeads, e));
  }
  const readableText = headerEdits.length ? applyEdits(stage1, headerEdits) : stage1;
  for (const st of macroStatements)
    keptTypeEdits.push({ start: st.start, end: st.end, text: blank(readableText.slice(st.start, st.end)) });
  const scanText = keptTypeEdits.length ? applyEdits(readableText, [...keptTypeEdits]) : readableText;
  const keptBodyEdits = macroHeads.length ? bodyEdits.filter((e) => !inHeadOf(macroHeads, e)) : bodyEdits;
  const parsedText = keptBodyEdits.length ? applyEdits(readableText, [...keptTypeEdits, ...keptBodyEdits]) : scanText;
  return {
    parsedText,
    readableText,
    scanText,
    masked,
    scan,
    lineStarts,
    attributes: kept,
    syscalls,
    macroStatements,
    macroHeads,
  };
}

/** Whether `e` overlaps one of the rewritten macro heads. */
function inHeadOf(heads: MacroHead[], e: { start: number; end: number }): boolean {
  return heads.some((h) => e.start < h.end && e.end > h.start);
}

/** The `#if…` line right before `offset` (only blank lines between), as offsets, or null. */
function openingDirective(code: string, offset: number): { start: number; end: number } | null {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(code[i] as string)) i--;
  if (i < 0) return null;
  const end = i + 1;
  const start = code.lastIndexOf('\n', i) + 1;
  return /^\s*#\s*if/.test(code.slice(start, end)) ? { start, end } : null;
}

const typeMacroCache = new WeakMap<MacroTable, Map<string, boolean>>();

/** A function-like macro whose every definition declares an aggregate type (`struct { … }` or `struct name { … }`). */
export function isTypeMacro(name: string, macros: MacroTable): boolean {
  let memo = typeMacroCache.get(macros);
  if (!memo) typeMacroCache.set(macros, (memo = new Map()));
  let known = memo.get(name);
  if (known === undefined) {
    const defs = macros.all(name);
    known = defs.length > 0 && defs.every((d) => d.params !== null && /^(struct|union)\b[\w\s]*\{/.test(d.code));
    memo.set(name, known);
  }
  return known;
}

function blank(s: string): string {
  return blankOut(s);
}

function skipBalanced(code: string, from: number): number {
  let i = from;
  while (i < code.length && (code[i] === ' ' || code[i] === '\t')) i++;
  if (code[i] !== '(') return -1;
  let depth = 0;
  for (; i < code.length; i++) {
    const ch = code[i];
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
    else if (ch === ';' || ch === '{') return -1;
  }
  return -1;
}

/**
 * `rtype name(type1 arg1, …)` in the header's own span. A one-line header (or one without parameters) is written
 * compactly and padded; in a multi-line header every argument stays where it is written, the macro name becomes
 * spaces, and the commas become ` `, `(`, `,` or `)` as the C header needs. Null when it cannot be laid out.
 */
export function syscallHeaderText(text: string, h: SyscallHeader): string | null {
  if (h.args.length < 2 || h.args.length % 2 !== 0) return null;
  const span = text.slice(h.start, h.end);
  const chars = span.split('');
  const rel = (o: number): number => o - h.start;
  const params = (h.args.length - 2) / 2;
  if (!span.includes('\n') || params === 0) {
    // Compact `rtype name(type1 arg1, …)` padded with spaces; it is always shorter than the macro call.
    const a = h.args.map((r) => text.slice(r.start, r.end).replace(/\s+/g, ' '));
    const list: string[] = [];
    for (let k = 2; k + 1 < a.length; k += 2) list.push(`${a[k]} ${a[k + 1]}`);
    const compact = `${a[0]} ${a[1]}(${list.length ? list.join(', ') : 'void'})`;
    const firstLine = span.indexOf('\n') < 0 ? span.length : span.indexOf('\n');
    if (compact.length > firstLine) return null;
    return compact + span.slice(compact.length).replace(/[^\n]/g, ' ');
  }
  // Blank everything that is not an argument.
  const keep = new Uint8Array(span.length);
  for (const a of h.args) for (let k = rel(a.start); k < rel(a.end); k++) keep[k] = 1;
  for (let k = 0; k < chars.length; k++) if (!keep[k] && chars[k] !== '\n') chars[k] = ' ';
  // The gap after the name gets `(`, gaps inside a pair get ` `, gaps between pairs get `,`, the last gets `)`.
  for (let k = 1; k < h.args.length; k++) {
    const prevEnd = rel((h.args[k] as { end: number }).end);
    const gapStart = prevEnd;
    const gapEnd = k + 1 < h.args.length ? rel((h.args[k + 1] as { start: number }).start) : span.length;
    if (gapEnd <= gapStart) return null;
    let ch: string;
    if (k === 1) ch = '(';
    else if (k === h.args.length - 1) ch = ')';
    else ch = k % 2 === 0 ? ' ' : ',';
    chars[gapStart] = ch;
  }
  return chars.join('');
}
