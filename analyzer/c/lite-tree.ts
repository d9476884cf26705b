/**
 * Copies the declaration skeleton of a tree-sitter tree into plain JS objects with one TreeCursor pass. The Node
 * binding's SyntaxNode objects cost a native round trip per property; the extractor reads each node several times,
 * so it works on these copies. Function bodies, macro definitions and expressions are kept as leaves (their
 * offsets only): the extractor never looks inside them.
 */
import type Parser from 'tree-sitter';
import { lineOfOffset } from './line-offsets.ts';

/** The children of every leaf: one shared empty array instead of one per node (most copied nodes are leaves). */
const NO_CHILDREN: LiteNode[] = Object.freeze([]) as unknown as LiteNode[];

/** A named node with its field name and named children; rows are computed from offsets on demand. */
export class LiteNode {
  /** Named children in order; only liteTree adds to it (a leaf shares one frozen empty array). */
  children: LiteNode[] = NO_CHILDREN;
  // Declared only (no define-then-assign per node) and assigned below, not written as parameter properties, so that
  // Node can load this file by stripping its types (tsconfig's erasableSyntaxOnly).
  declare readonly type: string;
  declare readonly startIndex: number;
  declare readonly endIndex: number;
  declare readonly field: string | null;
  declare private readonly source: LiteSource;
  constructor(type: string, startIndex: number, endIndex: number, field: string | null, source: LiteSource) {
    this.type = type;
    this.startIndex = startIndex;
    this.endIndex = endIndex;
    this.field = field;
    this.source = source;
  }

  /** Named children (anonymous tokens are not copied). */
  get namedChildren(): LiteNode[] {
    return this.children;
  }

  childForFieldName(field: string): LiteNode | null {
    for (const c of this.children) if (c.field === field) return c;
    return null;
  }

  childrenForFieldName(field: string): LiteNode[] {
    return this.children.filter((c) => c.field === field);
  }

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): { row: number } {
    return { row: lineOfOffset(this.source.lineStarts, this.startIndex) - 1 };
  }

  get endPosition(): { row: number } {
    return { row: lineOfOffset(this.source.lineStarts, this.endIndex) - 1 };
  }
}

/** The text node offsets point into (for `text`) and its line starts (for rows). */
export interface LiteSource {
  text: string;
  lineStarts: number[];
}

/** Node types that hold declarations (the file, `#if` branches, error regions, `extern "C"` blocks). */
export const DECLARATION_CONTAINERS: ReadonlySet<string> = new Set([
  'translation_unit',
  'preproc_if',
  'preproc_ifdef',
  'preproc_else',
  'preproc_elif',
  'preproc_elifdef',
  'ERROR',
  'linkage_specification',
  'declaration_list',
]);

/** Node types whose children the extractor reads; every other named node is copied as a leaf. */
const DESCEND = new Set([
  ...DECLARATION_CONTAINERS,
  'function_definition',
  'declaration',
  'type_definition',
  'init_declarator',
  'struct_specifier',
  'union_specifier',
  'enum_specifier',
  'field_declaration_list',
  'field_declaration',
  'enumerator_list',
  'enumerator',
  'pointer_declarator',
  'function_declarator',
  'array_declarator',
  'parenthesized_declarator',
  'attributed_declarator',
  'abstract_pointer_declarator',
  'abstract_function_declarator',
  'abstract_array_declarator',
  'abstract_parenthesized_declarator',
  'parameter_list',
  'parameter_declaration',
  'macro_type_specifier',
]);

/** Node types not copied at all: the extractor reads these from the text or never needs them. */
const DROP = new Set([
  'comment',
  'preproc_def',
  'preproc_function_def',
  'preproc_include',
  'preproc_call',
  'expression_statement',
]);

/** Per-language caches of type and field names by id (a native call each the first time only). */
const typeNames = new Map<number, { name: string; named: boolean }>();
const fieldNames = new Map<number, string | null>();

/** The declaration skeleton of `tree`, rooted at a copy of its root node. */
export function liteTree(tree: Parser.Tree, source: LiteSource): LiteNode {
  const c = tree.walk();
  const root = new LiteNode(c.nodeType, c.startIndex, c.endIndex, null, source);
  // Explicit stack: input nesting can be very deep.
  const parents: LiteNode[] = [root];
  if (!c.gotoFirstChild()) return root;
  for (;;) {
    const id = c.nodeTypeId;
    let t = typeNames.get(id);
    if (!t) {
      t = { name: c.nodeType, named: c.nodeIsNamed };
      typeNames.set(id, t);
    }
    let descended = false;
    if (t.named && !DROP.has(t.name)) {
      const fid = c.currentFieldId;
      let field = fieldNames.get(fid);
      if (field === undefined) {
        field = fid ? (c.currentFieldName ?? null) : null;
        fieldNames.set(fid, field);
      }
      const node = new LiteNode(t.name, c.startIndex, c.endIndex, field, source);
      const parent = parents[parents.length - 1] as LiteNode;
      if (parent.children === NO_CHILDREN) parent.children = [node];
      else parent.children.push(node);
      if (DESCEND.has(t.name) && c.gotoFirstChild()) {
        parents.push(node);
        descended = true;
      }
    }
    if (descended) continue;
    while (!c.gotoNextSibling()) {
      if (!c.gotoParent() || parents.length === 1) return root;
      parents.pop();
    }
  }
}
