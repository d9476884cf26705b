/**
 * A cheap first pass over every indexed file (no tree-sitter) that collects `#define`s, so the parse pass of one file
 * knows the attribute macros and struct-declaring macros that other headers define.
 */
import { maskCode } from './mask-code.ts';
import { scanPreprocessor, type DefineDirective } from './scan-preprocessor.ts';

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

/** Builds a MacroTable from decoded file texts (files listed first win `get`). */
export function scanMacros(files: { path: string; text: string }[]): MacroTable {
  const byName = new Map<string, MacroDef[]>();
  for (const file of files) {
    if (!file.text.includes('define')) continue;
    const { code } = maskCode(file.text);
    for (const def of scanPreprocessor(file.text, code).defines) {
      const withFile: MacroDef = { ...def, file: file.path };
      const list = byName.get(def.name);
      if (list) list.push(withFile);
      else byName.set(def.name, [withFile]);
    }
  }
  return macroTable(byName);
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
