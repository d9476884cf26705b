/**
 * The one tree-sitter parse of a C file. Later stages (the call graph) reuse `tree`; nothing parses a file twice.
 */
import Parser from 'tree-sitter';
import C from 'tree-sitter-c';
import { functionDefinitions, type FunctionDefinitionRange } from './function-definitions.ts';
import { liteTree, type LiteNode } from './lite-tree.ts';
import { preprocessC, type Preprocessed } from './preprocess-c.ts';
import type { MacroTable } from './scan-macros.ts';

/**
 * A parsed file: the text as read, the same-length text actually parsed (see preprocess-c.ts), the tree of the
 * latter, and the lexical facts gathered on the way (comments, directives, attribute uses, syscall headers).
 */
export interface ParsedFile extends Preprocessed {
  path: string;
  /** The decoded source, as the user reads it. */
  text: string;
  /**
   * What tree-sitter parsed: `text` with attribute macros blanked and syscall-definition macros rewritten into plain
   * function headers, always the same length with newlines in the same places, so every offset and line of `tree`
   * is also an offset and line of `text`.
   */
  parsedText: string;
  tree: Parser.Tree;
  /**
   * Plain-data copy of the tree's declaration skeleton (one cursor pass, see lite-tree.ts) for the extractor; the
   * caller may drop it (null) once the file is extracted.
   */
  lite: LiteNode | null;
  /** The function definitions of `lite`, kept for the call graph (which would otherwise ask the native tree again). */
  functionDefinitions: FunctionDefinitionRange[];
}

let parser: Parser | null = null;

function getParser(): Parser {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(C as unknown as Parser.Language);
  }
  return parser;
}

/** Parses one file once; never throws for any text (tree-sitter recovers, ERROR nodes mark what it could not read). */
export function parseC(path: string, text: string, macros: MacroTable): ParsedFile {
  const pre = preprocessC(text, macros, path);
  const tree = getParser().parse(pre.parsedText, null, { bufferSize: bufferSizeFor(pre.parsedText) });
  const lite = liteTree(tree, { text: pre.readableText, lineStarts: pre.lineStarts });
  return { ...pre, path, text, tree, lite, functionDefinitions: functionDefinitions(lite) };
}

/** Parses a snippet that is not a file (a macro's expansion); the result is small and never reused across files. */
export function parseSnippet(code: string): Parser.Tree {
  return getParser().parse(code, null, { bufferSize: bufferSizeFor(code) });
}

/**
 * tree-sitter's Node binding reads the input in chunks of `bufferSize` UTF-16 units: one chunk holding the whole
 * text means one callback, and a 10 MB file needs no special case.
 */
function bufferSizeFor(text: string): number {
  return text.length + 1;
}
