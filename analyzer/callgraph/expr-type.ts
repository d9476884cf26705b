/** Types a C expression far enough to name the aggregate a field access goes through. */
import type Parser from 'tree-sitter';
import type { CType, TypeIndex } from './c-type.ts';

/** A variable visible at a call or store site. */
export interface Var {
  name: string;
  type: CType | null;
  kind: 'param' | 'local' | 'global';
  /** Parameter position for `param`. */
  index: number;
}

/** Name lookup at a site: the enclosing function's parameters and locals, then globals. */
export interface Env {
  lookup(name: string): Var | undefined;
  /** The function whose body this is, or null at file scope. */
  fn: string | null;
}

/** Drops parentheses, casts to function types and `*`/`&` around a callee or stored value. */
export function stripValue(node: Parser.SyntaxNode): Parser.SyntaxNode {
  let n = node;
  for (;;) {
    if (n.type === 'parenthesized_expression' || n.type === 'cast_expression') {
      const inner =
        n.type === 'cast_expression' ? n.childForFieldName('value') : n.namedChildren.find((c) => c.type !== 'comment');
      if (!inner) return n;
      n = inner;
    } else if (n.type === 'pointer_expression') {
      const arg = n.childForFieldName('argument');
      if (!arg) return n;
      n = arg;
    } else return n;
  }
}

/** The type of `node`, or null when it cannot be told without guessing. */
export function exprType(node: Parser.SyntaxNode, env: Env, types: TypeIndex): CType | null {
  switch (node.type) {
    case 'identifier':
      return env.lookup(node.text)?.type ?? null;
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c.type !== 'comment');
      return inner ? exprType(inner, env, types) : null;
    }
    case 'cast_expression': {
      const t = node.childForFieldName('type');
      return t ? types.parse(t.text) : null;
    }
    case 'compound_literal_expression': {
      const t = node.childForFieldName('type');
      return t ? types.parse(t.text) : null;
    }
    case 'pointer_expression': {
      const arg = node.childForFieldName('argument');
      const t = arg ? exprType(arg, env, types) : null;
      if (!t) return null;
      const op = node.childForFieldName('operator')?.text ?? node.child(0)?.text;
      if (op === '&') return { ...t, ptr: t.ptr + 1 };
      return t.fnptr ? t : t.ptr > 0 ? { ...t, ptr: t.ptr - 1 } : null;
    }
    case 'subscript_expression': {
      const arg = node.childForFieldName('argument');
      const t = arg ? exprType(arg, env, types) : null;
      return t && t.ptr > 0 ? { ...t, ptr: t.ptr - 1 } : null;
    }
    case 'field_expression': {
      const arg = node.childForFieldName('argument');
      const field = node.childForFieldName('field');
      if (!arg || !field) return null;
      const t = exprType(arg, env, types);
      if (!t || !t.struct) return null;
      return types.field(t.struct, field.text);
    }
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      if (fn?.type === 'identifier' && !env.lookup(fn.text)) return types.returnType(fn.text);
      return null;
    }
    case 'assignment_expression': {
      const left = node.childForFieldName('left');
      return left ? exprType(left, env, types) : null;
    }
    case 'comma_expression': {
      const right = node.childForFieldName('right');
      return right ? exprType(right, env, types) : null;
    }
    default:
      return null;
  }
}

/** The slot a field access names (`uk_sched.yield`), or null when the aggregate's type is unknown. */
export function fieldSlot(node: Parser.SyntaxNode, env: Env, types: TypeIndex): string | null {
  const arg = node.childForFieldName('argument');
  const field = node.childForFieldName('field');
  if (!arg || !field) return null;
  const t = exprType(arg, env, types);
  if (!t || !t.struct) return null;
  return `${t.struct}.${field.text}`;
}
