/**
 * A cheap first pass over every indexed file (no tree-sitter) that collects `#define`s, so the parse pass of one file
 * knows the attribute macros and struct-declaring macros that other headers define.
 */
import { maskCode, type MaskedCode } from './mask-code.ts';
import { scanPreprocessor, type DefineDirective, type PreprocessorScan } from './scan-preprocessor.ts';

/** One `#define` as the preprocessor sees it, with the file it is in and the `#if`s around it. */
export interface MacroDef extends DefineDirective {
  file: string;
}

/** Every macro definition seen, by name; a name defined several times keeps all its definitions in file order. */
export interface MacroTable {
  /** The first definition of `name`, or undefined. */
  get(name: string): MacroDef | undefined;
  /** Every definition of `name` (e.g. under different `#if`s), in the order scanned. */
  all(name: string): MacroDef[];
  has(name: string): boolean;
  names(): IterableIterator<string>;
}

/**
 * Builds a MacroTable from decoded file texts (files listed first win `get`). A file that arrives with its lexical
 * pass already done (`lexed`, from {@link lexSource}) is not masked and scanned again.
 */
export function scanMacros(files: { path: string; text: string; lexed?: Lexed }[]): MacroTable {
  const byName = new Map<string, MacroDef[]>();
  const lexed = new Map<string, Lexed>();
  for (const file of files) {
    const lex = file.lexed?.text === file.text ? file.lexed : lexSource(file.text);
    const { scan } = lex;
    lexed.set(file.path, lex);
    for (const def of scan.defines) {
      const withFile: MacroDef = { ...def, file: file.path };
      const list = byName.get(def.name);
      if (list) list.push(withFile);
      else byName.set(def.name, [withFile]);
    }
  }
  const table = macroTable(byName);
  lexCache.set(table, lexed);
  return table;
}

/** The lexical pass of one file, kept from the macro scan so the parse pass does not repeat it. */
export interface Lexed {
  text: string;
  masked: MaskedCode;
  scan: PreprocessorScan;
}

/** The lexical pass of one decoded text: comments masked, directives scanned (guards, defines, includes). */
export function lexSource(text: string): Lexed {
  const masked = maskCode(text);
  return { text, masked, scan: scanPreprocessor(text, masked.code) };
}

const lexCache = new WeakMap<MacroTable, Map<string, Lexed>>();

/** The macro scan's lexical pass of `path` when it saw exactly this text, else undefined. */
export function cachedLex(table: MacroTable, path: string, text: string): Lexed | undefined {
  const hit = lexCache.get(table)?.get(path);
  return hit && hit.text === text ? hit : undefined;
}

/** Wraps a name → definitions map as a MacroTable. */
export function macroTable(byName: Map<string, MacroDef[]>): MacroTable {
  return {
    get: (name) => byName.get(name)?.[0],
    all: (name) => byName.get(name) ?? [],
    has: (name) => byName.has(name),
    names: () => byName.keys(),
  };
}
