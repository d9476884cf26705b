/**
 * Test helper: reads a fixture tree and builds the call-graph stage's input with analyzer/c's API (one parse per file).
 * Until analyzer/c extracts structs and typedefs, `fallbackTypes` reads them from the same trees (field names and
 * whether each field is a function pointer: all the stage needs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type Parser from 'tree-sitter';
import type { Model, Struct, Typedef } from '../../../model/schema.ts';
import { decodeSource } from '../../c/decode-source.ts';
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
    model.functions.push(...fallbackFunctions(p, library));
    const includes = [...p.text.matchAll(/^#include [<"]([^>"]+)[>"]/gm)].map((m) => ({
      name: m[1] as string,
      line: p.text.slice(0, m.index).split('\n').length,
      resolved: null,
    }));
    model.files.push({ path: p.path, library, documented: true, lines: p.text.split('\n').length, includes });
  }
  if (model.structs.length === 0) {
    const t = fallbackTypes(parsed);
    model.structs.push(...t.structs);
    model.typedefs.push(...t.typedefs);
  }
  return { parsed, model, macros };
}

/** Function definitions read from the trees (temporary, see the module comment). */
export function fallbackFunctions(p: ParsedFile, library: string): Model['functions'] {
  const out: Model['functions'] = [];
  for (const d of p.tree.rootNode.descendantsOfType('function_definition')) {
    let decl: Parser.SyntaxNode | null = d.childForFieldName('declarator');
    while (decl && decl.type !== 'function_declarator') decl = decl.childForFieldName('declarator');
    const name = decl?.childForFieldName('declarator');
    if (!decl || name?.type !== 'identifier' || d.parent?.type === 'compound_statement') continue;
    const line = d.startPosition.row + 1;
    out.push({
      name: name.text,
      kind: 'function',
      library,
      file: p.path,
      line,
      endLine: d.endPosition.row + 1,
      documented: true,
      guard: p.scan.guards[line] ?? [],
      definition: true,
      static: /\bstatic\b/.test(d.text.slice(0, 40)),
      inline: false,
      exported: false,
      returnType:
        (d.childForFieldName('type')?.text ?? 'int') +
        (d.childForFieldName('declarator')?.type === 'pointer_declarator' ? ' *' : ''),
      params: [],
      variadic: false,
      attributes: [],
      signature: name.text,
      syscallMacro: null,
      doc: null,
      calls: [],
    });
  }
  return out;
}

/** Minimal structs and typedefs read from the trees (temporary, see the module comment). */
export function fallbackTypes(parsed: ParsedFile[]): { structs: Struct[]; typedefs: Typedef[] } {
  const structs: Struct[] = [];
  const typedefs: Typedef[] = [];
  for (const p of parsed) {
    for (const s of p.tree.rootNode.descendantsOfType(['struct_specifier', 'union_specifier'])) {
      const body = s.childForFieldName('body');
      if (!body) continue;
      const name = s.childForFieldName('name')?.text ?? null;
      const td = s.parent?.type === 'type_definition' ? (s.parent.childForFieldName('declarator')?.text ?? null) : null;
      const fields = body.namedChildren
        .filter((f) => f.type === 'field_declaration')
        .flatMap((f) => f.childrenForFieldName('declarator').map((d) => field(f, d)));
      structs.push({
        id: `struct:${name ?? td ?? s.startPosition.row}`,
        name: name ?? td,
        kind: s.type === 'union_specifier' ? 'union' : 'struct',
        typedefs: td ? [td] : [],
        parent: null,
        declaredBy: null,
        library: 'fixture',
        file: p.path,
        line: s.startPosition.row + 1,
        endLine: s.endPosition.row + 1,
        documented: true,
        guard: [],
        doc: null,
        fields,
      });
    }
    for (const t of p.tree.rootNode.descendantsOfType('type_definition')) {
      const d = t.childForFieldName('declarator');
      const type = t.childForFieldName('type');
      if (!d || !type) continue;
      const fp = d.type === 'function_declarator';
      const name = fp ? (d.descendantsOfType('type_identifier')[0]?.text ?? '') : d.text.replace(/[*\s]/g, '');
      typedefs.push({
        name,
        type:
          type.text.startsWith('struct') && type.childForFieldName('body')
            ? `struct ${type.childForFieldName('name')?.text}`
            : type.text,
        functionPointer: fp ? { returnType: type.text, params: [], variadic: false } : null,
        library: 'fixture',
        file: p.path,
        line: t.startPosition.row + 1,
        documented: true,
        guard: [],
        doc: null,
      });
    }
  }
  return { structs, typedefs };
}

function field(decl: Parser.SyntaxNode, d: Parser.SyntaxNode): Struct['fields'][number] {
  const fp = d.type === 'function_declarator';
  const name =
    (fp ? d.descendantsOfType('field_identifier')[0]?.text : d.descendantsOfType('field_identifier')[0]?.text) ?? '';
  const stars = d.type === 'pointer_declarator' ? d.text.split('*').length - 1 : 0;
  return {
    name,
    type: (decl.childForFieldName('type')?.text ?? '') + (stars ? ' ' + '*'.repeat(stars) : ''),
    doc: null,
    line: d.startPosition.row + 1,
    bitWidth: null,
    arraySize: [],
    functionPointer: fp
      ? { returnType: decl.childForFieldName('type')?.text ?? '', params: [], variadic: false }
      : null,
    aggregate: null,
    guard: [],
  };
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
  }
  return lines.join('\n') + '\n';
}
