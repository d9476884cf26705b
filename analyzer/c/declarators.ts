/**
 * Reads C declarators from tree-sitter nodes into plain data: the declared name, the type as written without the
 * name, array dimensions, and function-pointer signatures.
 */
import type { LiteNode } from './lite-tree.ts';
import type { FunctionPointer, Param } from '../../model/schema.ts';

type Node = LiteNode;

/** What one declarator says about the entity it declares. */
export interface DeclaratorInfo {
  /** The identifier node's text, or null for abstract declarators (`int (*)(void)`). */
  name: string | null;
  nameNode: Node | null;
  /** Type as written with the name removed, e.g. `struct uk_sched *` or `void (*)(struct uk_sched *s)`. */
  type: string;
  /** The whole declarator without the name, array dimensions included (`char [16]`); `type` leaves them out. */
  fullType: string;
  /** Dimensions of an array, in written order (`[2][3]` gives `2`, `3`). */
  arraySize: string[];
  functionPointer: FunctionPointer | null;
  /** For a function declarator (prototype or definition): its parameters; null otherwise. */
  functionParams: { params: Param[]; variadic: boolean; list: Node } | null;
  /** For a function declarator: the return type (base type plus the pointers around the function declarator). */
  returnType: string | null;
}

const NAME_TYPES = new Set(['identifier', 'field_identifier', 'type_identifier', 'primitive_type']);

/** Collapses whitespace and tidies spacing around `*`, parentheses, brackets and commas. */
export function tidy(s: string): string {
  let t = tidyCache.get(s);
  if (t === undefined) {
    t = tidyUncached(s);
    if (tidyCache.size > 100_000) tidyCache.clear();
    tidyCache.set(s, t);
  }
  return t;
}

/** The same few hundred type spellings come back all the time (`int`, `struct uk_thread *`). */
const tidyCache = new Map<string, string>();

function tidyUncached(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/\[\s+/g, '[')
    .replace(/\s+\]/g, ']')
    .replace(/\s+,/g, ',')
    .replace(/\*\s+(?=[*)(]|const\b|volatile\b|restrict\b|__restrict\b)/g, '*')
    .replace(/\)\s+\(/g, ')(')
    .replace(/(\w)\*/g, '$1 *')
    .replace(/\s+(?=\[)/g, '')
    .trim();
}

/** The type text that a declaration's specifiers spell: qualifiers and the type node, as written. */
export function baseTypeText(text: string, decl: Node, typeNode: Node | null): string {
  if (!typeNode) return 'int';
  let start = typeNode.startIndex;
  let end = typeNode.endIndex;
  for (const c of decl.children) {
    if (c.type === 'type_qualifier') {
      if (c.startIndex < start) start = c.startIndex;
      if (c.endIndex > end && c.startIndex < firstDeclaratorStart(decl)) end = c.endIndex;
    }
  }
  if (isAggregateWithBody(typeNode)) {
    const kw = typeNode.type.replace('_specifier', '');
    const name = typeNode.childForFieldName('name');
    const quals = text.slice(start, typeNode.startIndex) + text.slice(typeNode.endIndex, end);
    return tidy(`${quals} ${kw} ${name ? name.text : '{ … }'}`);
  }
  return tidy(text.slice(start, end));
}

function firstDeclaratorStart(decl: Node): number {
  const d = decl.childForFieldName('declarator');
  return d ? d.startIndex : decl.endIndex;
}

/** True for a struct/union/enum specifier that has a body (a definition, not a mention). */
export function isAggregateWithBody(n: Node): boolean {
  return (
    (n.type === 'struct_specifier' || n.type === 'union_specifier' || n.type === 'enum_specifier') &&
    n.childForFieldName('body') !== null
  );
}

/** Describes `declarator` (possibly null: an unnamed parameter) in a declaration whose base type is `base`. */
export function describeDeclarator(text: string, base: string, declarator: Node | null): DeclaratorInfo {
  const info: DeclaratorInfo = {
    name: null,
    nameNode: null,
    type: base,
    fullType: base,
    arraySize: [],
    functionPointer: null,
    functionParams: null,
    returnType: null,
  };
  if (!declarator) return info;
  // Walk from the outside in, remembering the chain.
  const chain: Node[] = [];
  let n: Node | null = declarator;
  while (n) {
    if (NAME_TYPES.has(n.type)) {
      info.name = n.text;
      info.nameNode = n;
      break;
    }
    chain.push(n);
    if (n.type === 'parenthesized_declarator' || n.type === 'attributed_declarator')
      n = n.namedChildren.find((c) => c.type.endsWith('declarator') || NAME_TYPES.has(c.type)) ?? null;
    else n = n.childForFieldName('declarator');
  }
  // Arrays bind to the name first: the array declarators right around it make the entity an array.
  let tail = chain.length;
  while (tail > 0 && (chain[tail - 1] as Node).type === 'array_declarator') {
    const size = (chain[tail - 1] as Node).childForFieldName('size');
    info.arraySize.push(size ? tidy(size.text) : '');
    tail--;
  }
  const from = declarator.startIndex;
  const declText = text.slice(from, declarator.endIndex);
  const nameStart = info.nameNode ? info.nameNode.startIndex - from : declText.length;
  const nameEnd = info.nameNode ? info.nameNode.endIndex - from : declText.length;
  const arraysEnd = tail < chain.length ? (chain[tail] as Node).endIndex - from : nameEnd;
  info.fullType = tidy(`${base} ${declText.slice(0, nameStart)}${declText.slice(nameEnd)}`);
  info.type = tidy(`${base} ${declText.slice(0, nameStart)}${declText.slice(arraysEnd)}`);

  const outer = chain.slice(0, tail);
  // The declarator right around the name (parentheses aside) decides: a function, or something else.
  let k = outer.length - 1;
  while (
    k >= 0 &&
    ((outer[k] as Node).type === 'parenthesized_declarator' || (outer[k] as Node).type === 'attributed_declarator')
  )
    k--;
  const inner = outer[k];
  if (inner && inner.type === 'function_declarator') {
    // `int *f(void)`, `void (*f(int sig))(int)`: the return type is the declarator with `f(…)` cut out.
    const params = readParams(text, inner.childForFieldName('parameters'));
    info.functionParams = params;
    info.returnType = tidy(
      `${base} ${declText.slice(0, inner.startIndex - from)}${declText.slice(inner.endIndex - from)}`,
    );
    return info;
  }
  const fnIndex = outer.findIndex((c) => c.type === 'function_declarator');
  if (fnIndex >= 0) {
    const fn = outer[fnIndex] as Node;
    const params = readParams(text, fn.childForFieldName('parameters'));
    // Pointers (and their qualifiers) outside the function declarator belong to the return type.
    const returnType = tidy(`${base} ${text.slice(from, fn.startIndex)}`);
    info.functionPointer = { returnType, params: params.params, variadic: params.variadic };
  }
  return info;
}

/** Parameters of a `parameter_list` node: `(void)` is none, `...` sets `variadic`. */
export function readParams(text: string, list: Node | null): { params: Param[]; variadic: boolean; list: Node } {
  const params: Param[] = [];
  let variadic = false;
  if (!list) return { params, variadic, list: list as unknown as Node };
  for (const p of list.namedChildren) {
    if (p.type === 'variadic_parameter') variadic = true;
    else if (p.type === 'parameter_declaration') {
      const typeNode = p.childForFieldName('type');
      const base = baseTypeText(text, p, typeNode);
      const d = describeDeclarator(text, base, p.childForFieldName('declarator'));
      params.push({ name: d.name, type: d.fullType });
    }
  }
  if (params.length === 1 && params[0]?.name === null && params[0].type === 'void') params.pop();
  if (list.children.some((c) => c.type === '...')) variadic = true;
  return { params, variadic, list };
}
