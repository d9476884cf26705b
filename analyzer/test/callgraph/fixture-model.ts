/** Test helper: reads a fixture tree and builds the call-graph stage's input with analyzer/c's API (one parse per file). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Model } from '../../../model/schema.ts';
import { decodeSource } from '../../c/decode-source.ts';
import { extractFile } from '../../c/extract-file.ts';
import { parseC, type ParsedFile } from '../../c/parse-c.ts';
import { scanMacros, type MacroTable } from '../../c/scan-macros.ts';
import type { CallGraphInput } from '../../callgraph/build-call-graph.ts';

/** Every .c/.h file under `dir`, relative, sorted. */
export function listSources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.[ch]$/.test(e)) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** The stage's input for one fixture directory; every file belongs to one library named after the directory. */
export function fixtureInput(
  dir: string,
  library = 'fixture',
): CallGraphInput & { parsed: ParsedFile[]; macros: MacroTable } {
  const files = listSources(dir).map((path) => ({
    path,
    text: decodeSource(path, readFileSync(join(dir, path))).text,
  }));
  return inputFromTexts(files, library);
}

/** The stage's input for in-memory sources (one parse per file, entities from analyzer/c), all in `library`. */
export function inputFromTexts(
  files: { path: string; text: string }[],
  library: string,
): CallGraphInput & { parsed: ParsedFile[]; macros: MacroTable } {
  const macros = scanMacros(files);
  const parsed = files.map((f) => parseC(f.path, f.text, macros));
  const model: CallGraphInput['model'] = {
    functions: [],
    structs: [],
    typedefs: [],
    enums: [],
    globals: [],
    files: [],
  };
  for (const p of parsed) {
    const facts = extractFile(p, { library, documented: true, macros });
    model.functions.push(...facts.functions);
    model.structs.push(...facts.structs);
    model.typedefs.push(...facts.typedefs);
    model.enums.push(...facts.enums);
    model.globals.push(...facts.globals);
    const includes = facts.includes.map((i) => ({ ...i, resolved: null }));
    model.files.push({ path: p.path, library, documented: true, lines: facts.lines, includes });
  }
  return { parsed, model, macros };
}

/** Simplified edges for golden files: one line per call, `caller -> callee [via] …`. */
export function describeCalls(model: Pick<Model, 'functions'>): string {
  const lines: string[] = [];
  for (const fn of model.functions) {
    for (const c of fn.calls) {
      const parts = [`${fn.name}@${fn.file}:${c.line}`, '->', c.to ?? '(unresolved)', `[${c.via}]`];
      if (c.macroChain) parts.push(`chain=${c.macroChain.join('>') || '(use)'}`);
      if (c.through) parts.push(`through=${c.through}`);
      if (c.guard.length) parts.push(`guard=${c.guard.join(' && ')}`);
      if (c.evidence) parts.push(`evidence=${c.evidence.map((e) => `${e.kind}@${e.file}:${e.line}`).join(',')}`);
      lines.push(parts.join(' '));
    }
    for (const u of fn.sizes)
      lines.push(
        `${fn.name}@${fn.file}:${u.line} sizeof ${u.aggregate} (${u.text}) within=${u.within.join('>') || '-'}`,
      );
    for (const w of fn.writes) lines.push(`${fn.name}@${fn.file}:${w.line} writes ${w.aggregate}.${w.field}`);
    for (const st of fn.stores)
      lines.push(
        `${fn.name}@${fn.file} stored in ${st.slot} (${st.evidence.kind}@${st.evidence.file}:${st.evidence.line})`,
      );
  }
  return lines.join('\n') + '\n';
}
