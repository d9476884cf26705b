/** The node that holds the one-character token at an offset, found with one lookup instead of a lookup and `.parent`. */
import type Parser from 'tree-sitter';

/**
 * What `root.descendantForIndex(index, index + 1).parent` returns, cheaper: tree-sitter's `parent` searches down from
 * the root again. For a punctuation token (`=`, `(`, `{`), which is anonymous, the nearest named node around it is its
 * parent (in tree-sitter-c only named nodes have children), and `namedDescendantForIndex` finds that in one search.
 * A named leaf there (a comment, a string's content) is itself the deepest node, so its own parent is the answer; in
 * an ERROR region the long way is taken.
 */
export function tokenParent(root: Parser.SyntaxNode, index: number): Parser.SyntaxNode | null {
  const n = root.namedDescendantForIndex(index, index + 1);
  if (n.type === 'ERROR') return root.descendantForIndex(index, index + 1).parent;
  return n.childCount > 0 ? n : n.parent;
}
