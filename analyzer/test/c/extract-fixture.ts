/**
 * Test helper: runs the C layer over one fixture directory the way the analyzer does (one macro scan over every
 * file, one parse per file) and returns the facts of its `input.*` file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSource } from '../../c/decode-source.ts';
import { extractFile, type FileFacts } from '../../c/extract-file.ts';
import { parseC } from '../../c/parse-c.ts';
import { scanMacros } from '../../c/scan-macros.ts';

/** Facts of `<dir>/input.c` or `<dir>/input.h`, with the directory's other headers indexed for macros. */
export function extractFixture(dir: string): FileFacts {
  const names = readdirSync(dir)
    .filter((n) => /\.[ch]$/.test(n))
    .sort();
  const files = names.map((n) => ({ path: n, text: decodeSource(n, readFileSync(join(dir, n))).text }));
  const macros = scanMacros(files);
  const input = files.find((f) => f.path.startsWith('input.'));
  if (!input) throw new Error(`fixture \`${dir}\` has no input.c or input.h`);
  return extractFile(parseC(input.path, input.text, macros), { library: 'demo', documented: true, macros });
}

const g = (guard: string[]): string => (guard.length ? ` #if ${guard.join(' && ')}` : '');

/** The facts reduced to what a reviewer checks by eye: names, kinds, lines, types, guards, docs. */
export function simplifyFacts(f: FileFacts): unknown {
  return {
    structs: f.structs.map((s) => ({
      id: s.id,
      kind: s.kind,
      lines: `${s.line}-${s.endLine}`,
      ...(s.parent ? { parent: s.parent } : {}),
      ...(s.declaredBy ? { declaredBy: s.declaredBy } : {}),
      ...(s.typedefs.length ? { typedefs: s.typedefs } : {}),
      ...(s.guard.length ? { guard: s.guard } : {}),
      ...(s.doc ? { doc: s.doc } : {}),
      ...(s.attributes.length ? { attributes: s.attributes } : {}),
      fields: s.fields.map(
        (x) =>
          `L${x.line} ${x.name || '(anonymous)'}: ${x.type}` +
          x.arraySize.map((a) => `[${a}]`).join('') +
          (x.bitWidth ? ` : ${x.bitWidth}` : '') +
          (x.functionPointer
            ? ` fp(${x.functionPointer.returnType}; ${x.functionPointer.params.map((p) => `${p.type}${p.name ? ' ' + p.name : ''}`).join(', ')}${x.functionPointer.variadic ? ', ...' : ''})`
            : '') +
          (x.aggregate ? ` -> ${x.aggregate}` : '') +
          x.attributes.map((a) => ` ${a}`).join('') +
          g(x.guard) +
          (x.doc ? ` /** ${x.doc} */` : ''),
      ),
    })),
    enums: f.enums.map((e) => ({
      id: e.id,
      lines: `${e.line}-${e.endLine}`,
      ...(e.typedefs.length ? { typedefs: e.typedefs } : {}),
      ...(e.guard.length ? { guard: e.guard } : {}),
      ...(e.doc ? { doc: e.doc } : {}),
      ...(e.attributes.length ? { attributes: e.attributes } : {}),
      constants: e.constants.map(
        (c) =>
          `L${c.line} ${c.name}${c.value !== null ? ` = ${c.value}` : ''} => ${c.numeric}${c.doc ? ` /** ${c.doc} */` : ''}`,
      ),
    })),
    typedefs: f.typedefs.map(
      (t) =>
        `L${t.line} ${t.name} = ${t.type}` +
        (t.functionPointer
          ? ` fp(${t.functionPointer.returnType}; ${t.functionPointer.params.map((p) => `${p.type}${p.name ? ' ' + p.name : ''}`).join(', ')}${t.functionPointer.variadic ? ', ...' : ''})`
          : '') +
        g(t.guard) +
        (t.doc ? ` /** ${t.doc} */` : ''),
    ),
    macros: f.macros.map(
      (m) =>
        `L${m.line}-${m.endLine} ${m.name}${m.params ? `(${[...m.params, ...(m.variadic ? ['...'] : [])].join(', ')})` : ''} = ${m.body}` +
        g(m.guard) +
        (m.doc ? ` /** ${m.doc} */` : ''),
    ),
    globals: f.globals.map(
      (x) =>
        `L${x.line} ${x.static ? 'static ' : ''}${x.extern ? 'extern ' : ''}${x.name}: ${x.type}` +
        (x.initializer !== null ? ` = ${x.initializer}` : '') +
        (x.declaredBy ? ` (by ${x.declaredBy})` : '') +
        g(x.guard) +
        (x.doc ? ` /** ${x.doc} */` : ''),
    ),
    functions: f.functions.map((x) => ({
      name: x.name,
      kind: x.kind,
      lines: `${x.line}-${x.endLine}`,
      definition: x.definition,
      ...(x.static ? { static: true } : {}),
      ...(x.inline ? { inline: true } : {}),
      returnType: x.returnType,
      params: x.params.map((p) => `${p.type}${p.name !== null ? ` | ${p.name}` : ''}`),
      ...(x.variadic ? { variadic: true } : {}),
      ...(x.attributes.length ? { attributes: x.attributes } : {}),
      signature: x.signature,
      ...(x.syscallMacro ? { syscallMacro: x.syscallMacro } : {}),
      ...(x.guard.length ? { guard: x.guard } : {}),
      ...(x.doc ? { doc: x.doc } : {}),
    })),
    includes: f.includes.map((i) => `L${i.line} ${i.name}`),
    diagnostics: f.diagnostics.map((d) => `L${d.line} ${d.severity} ${d.code}: ${d.message}`),
    lines: f.lines,
  };
}
