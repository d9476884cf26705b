/** Where each function definition of a file and its body are, read from the lite tree (no native calls). */
import type { LiteNode } from './lite-tree.ts';

/** One `function_definition` of the tree: offsets of the node and of its body, 0-based start row. */
export interface FunctionDefinitionRange {
  start: number;
  end: number;
  /** Start of the `body` field (the `{`), or null when tree-sitter gave the definition none. */
  bodyStart: number | null;
  row: number;
}

/**
 * Every function definition the lite tree holds, in document order (pre-order, as tree-sitter's `descendantsOfType`
 * lists them): those at file scope and inside `#if`, ERROR and `extern "C"` blocks. Definitions that tree-sitter
 * nested inside a function body are not copied into the lite tree and so are not listed.
 */
export function functionDefinitions(root: LiteNode): FunctionDefinitionRange[] {
  const out: FunctionDefinitionRange[] = [];
  // Containers nest as deep as the input's `#if`s do: an explicit stack, not recursion.
  const stack: LiteNode[] = [root];
  while (stack.length) {
    const node = stack.pop() as LiteNode;
    if (node.type === 'function_definition') {
      const body = node.childForFieldName('body');
      out.push({
        start: node.startIndex,
        end: node.endIndex,
        bodyStart: body ? body.startIndex : null,
        row: node.startPosition.row,
      });
    }
    const kids = node.children;
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k] as LiteNode);
  }
  return out;
}
