/** Turns one parsed file into plain model entities (no tree-sitter node leaves this module). */
import type Parser from 'tree-sitter';
import type { Diagnostic, Enum, FunctionEntity, Global, Macro, Struct, Typedef } from '../../model/schema.ts';
import type { ParsedFile } from './parse-c.ts';
import { scanDefines, type MacroTable } from './scan-macros.ts';

/** Everything one file declares; `exported` and `calls` of functions are left for later stages to fill. */
export interface FileFacts {
  structs: Struct[];
  enums: Enum[];
  typedefs: Typedef[];
  macros: Macro[];
  globals: Global[];
  /** `exported` is false and `calls` is empty: the library stage sets `exported`, the call-graph stage fills `calls`. */
  functions: FunctionEntity[];
  includes: { name: string; line: number }[];
  diagnostics: Diagnostic[];
  lines: number;
}

/** What the caller knows about the file that the file itself does not say. */
export interface ExtractContext {
  library: string | null;
  documented: boolean;
  macros: MacroTable;
}

/** Extracts every struct, union, enum, typedef, macro, global and function of one file. */
export function extractFile(file: ParsedFile, ctx: ExtractContext): FileFacts {
  const facts: FileFacts = {
    structs: [],
    enums: [],
    typedefs: [],
    macros: [],
    globals: [],
    functions: [],
    includes: [],
    diagnostics: [],
    lines: file.text === '' ? 0 : file.text.split('\n').length - (file.text.endsWith('\n') ? 1 : 0),
  };
  const located = { library: ctx.library, file: file.path, documented: ctx.documented, guard: [] as string[] };
  for (const def of scanDefines(file.path, file.text)) {
    facts.macros.push({
      ...located,
      name: def.name,
      params: def.params,
      variadic: def.variadic,
      body: def.body,
      line: def.line,
      endLine: def.endLine,
      doc: null,
    });
  }
  const inc = /^[ \t]*#[ \t]*include[ \t]*[<"]([^>"]+)[>"]/gm;
  for (let m = inc.exec(file.text); m; m = inc.exec(file.text)) {
    facts.includes.push({ name: m[1] as string, line: lineAt(file.text, m.index) });
  }
  for (const node of file.tree.rootNode.namedChildren) {
    if (node.type === 'function_definition') {
      const decl = node.childForFieldName('declarator');
      const fn = decl ? findFunctionDeclarator(decl) : null;
      const name = fn?.childForFieldName('declarator');
      if (!fn || !name) continue;
      facts.functions.push({
        ...located,
        name: name.text,
        kind: 'function',
        line: node.startPosition.row + 1,
        endLine: node.endPosition.row + 1,
        definition: true,
        static: false,
        inline: false,
        exported: false,
        returnType: node.childForFieldName('type')?.text ?? 'int',
        params: [],
        variadic: false,
        attributes: [],
        signature: file.text.slice(node.startIndex, node.childForFieldName('body')?.startIndex ?? node.endIndex).trim(),
        syscallMacro: null,
        doc: null,
        calls: [],
      });
    }
  }
  return facts;
}

function findFunctionDeclarator(node: Parser.SyntaxNode): Parser.SyntaxNode | null {
  for (let n: Parser.SyntaxNode | null = node; n; n = n.childForFieldName('declarator')) {
    if (n.type === 'function_declarator') return n;
  }
  return null;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
