/** Tells identifiers in `#if` conditions (never calls) from code. */
import type Parser from 'tree-sitter';

/** True when `node` sits in a `#if`/`#elif` condition (identifiers there are not calls). */
export function inPreprocCondition(node: Parser.SyntaxNode): boolean {
  for (let n: Parser.SyntaxNode | null = node; n?.parent; n = n.parent) {
    const p: Parser.SyntaxNode = n.parent;
    if ((p.type === 'preproc_if' || p.type === 'preproc_elif') && p.childForFieldName('condition')?.id === n.id)
      return true;
    if (p.type === 'compound_statement' || p.type === 'function_definition' || p.type === 'translation_unit')
      return false;
  }
  return false;
}
