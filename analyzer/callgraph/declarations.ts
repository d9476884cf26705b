/** Reads the variables a C declaration introduces (name, type, initializer) from its tree-sitter node. */
import type Parser from 'tree-sitter';
import type { CType, TypeIndex } from './c-type.ts';

/** One declared variable; `init` stays a node because only this stage's collectors read it. */
export interface DeclaredVar {
  name: string;
  type: CType | null;
  init: Parser.SyntaxNode | null;
  line: number;
  isStatic: boolean;
}

/** The base type of a declaration as text: `struct uk_sched`, `uk_sched_yield_func_t`, `int`. */
export function baseTypeText(typeNode: Parser.SyntaxNode | null): string {
  if (!typeNode) return 'int';
  if (typeNode.type === 'struct_specifier' || typeNode.type === 'union_specifier') {
    const name = typeNode.childForFieldName('name');
    return `${typeNode.type === 'struct_specifier' ? 'struct' : 'union'} ${name?.text ?? '?'}`;
  }
  return typeNode.text;
}

/** Every variable declared by a `declaration` or `parameter_declaration` node; function prototypes are skipped. */
export function declaredVars(decl: Parser.SyntaxNode, types: TypeIndex): DeclaredVar[] {
  const base = types.parse(baseTypeText(decl.childForFieldName('type')));
  const isStatic = decl.children.some((c) => c.type === 'storage_class_specifier' && c.text === 'static');
  const out: DeclaredVar[] = [];
  for (const d of decl.childrenForFieldName('declarator')) {
    const v = unwrap(d, base);
    if (v) out.push({ ...v, line: d.startPosition.row + 1, isStatic });
  }
  return out;
}

function unwrap(
  node: Parser.SyntaxNode,
  base: CType | null,
): { name: string; type: CType | null; init: Parser.SyntaxNode | null } | null {
  let init: Parser.SyntaxNode | null = null;
  let n: Parser.SyntaxNode | null = node;
  let ptr = 0;
  let fnptr = false;
  let sawPointer = false;
  while (n) {
    switch (n.type) {
      case 'identifier':
        if (fnptr) return { name: n.text, type: { struct: null, ptr: 0, fnptr: true }, init };
        return { name: n.text, type: base ? { ...base, ptr: base.ptr + ptr } : null, init };
      case 'init_declarator':
        init = n.childForFieldName('value');
        n = n.childForFieldName('declarator');
        break;
      case 'pointer_declarator':
        ptr++;
        sawPointer = true;
        n = n.childForFieldName('declarator');
        break;
      case 'array_declarator':
        ptr++;
        n = n.childForFieldName('declarator');
        break;
      case 'attributed_declarator':
        n = n.namedChildren[0] ?? null;
        break;
      case 'parenthesized_declarator':
        n = n.namedChildren.find((c) => c.type !== 'comment') ?? null;
        break;
      case 'function_declarator': {
        // `int (*fp)(int)` is a pointer variable; `int f(int)` is a prototype.
        const inner = n.childForFieldName('declarator');
        if (!inner || inner.type !== 'parenthesized_declarator') return null;
        fnptr = true;
        sawPointer = false;
        n = inner;
        break;
      }
      default:
        return null;
    }
  }
  void sawPointer;
  return null;
}
