/**
 * Walks the top-level items of a tree (through `#if` blocks, `extern "C"` and ERROR nodes, where tree-sitter often
 * wraps good declarations) and turns every struct, union, enum, typedef, global, prototype and function definition
 * into plain model entities.
 */
import type { Enum, EnumConstant, Field, FunctionEntity, Global, Struct, Typedef } from '../../model/schema.ts';
import { baseTypeText, describeDeclarator, isAggregateWithBody, tidy } from './declarators.ts';
import { evaluateConstant } from './evaluate-constant.ts';
import { DECLARATION_CONTAINERS, type LiteNode } from './lite-tree.ts';
import { attributesIn, declarationStart, uniqueId, type SourceView } from './source-view.ts';

type Node = LiteNode;

/** The entity lists the walker appends to. */
export interface Entities {
  structs: Struct[];
  enums: Enum[];
  typedefs: Typedef[];
  globals: Global[];
  functions: FunctionEntity[];
}

/** Extracts every declaration among the children of `node` (a translation unit or a container). */
export function walkDeclarations(view: SourceView, node: Node, out: Entities): void {
  // Containers nest as deep as the input's `#if`s do: an explicit stack, not recursion.
  const stack: Node[] = [node];
  while (stack.length) {
    const container = stack.pop() as Node;
    const children = container.namedChildren;
    const nested: Node[] = [];
    for (const c of children) {
      if (DECLARATION_CONTAINERS.has(c.type)) nested.push(c);
      else item(view, c, out);
    }
    for (let k = nested.length - 1; k >= 0; k--) stack.push(nested[k] as Node);
  }
}

function item(view: SourceView, c: Node, out: Entities): void {
  {
    switch (c.type) {
      case 'function_definition':
        functionDefinition(view, c, out);
        break;
      case 'declaration':
        declaration(view, c, out);
        break;
      case 'type_definition':
        typeDefinition(view, c, out);
        break;
      case 'struct_specifier':
      case 'union_specifier':
      case 'enum_specifier':
        if (isAggregateWithBody(c) && !view.skip(c.startIndex))
          aggregate(view, c, null, null, declarationStart(view, c.startIndex), out);
        break;
    }
  }
}

/** Aggregates nested deeper than this are not read (the fields that hold them stay, typed `struct { … }`). */
const MAX_NESTING = 200;

function located(view: SourceView, row: number): Pick<Struct, 'library' | 'file' | 'line' | 'documented' | 'guard'> {
  return {
    library: view.library,
    file: view.path,
    line: view.line(row),
    documented: view.documented,
    guard: view.guard(row),
  };
}

function startRow(view: SourceView, node: Node, start: number): number {
  if (start === node.startIndex) return node.startPosition.row;
  const between = view.text.slice(start, node.startIndex);
  let n = 0;
  for (let i = between.indexOf('\n'); i >= 0; i = between.indexOf('\n', i + 1)) n++;
  return node.startPosition.row - n;
}

function storage(node: Node): { static: boolean; extern: boolean; inline: boolean; words: string[] } {
  const words: string[] = [];
  for (const c of node.children) if (c.type === 'storage_class_specifier') words.push(c.text);
  return {
    static: words.includes('static'),
    extern: words.includes('extern'),
    inline: words.some((w) => w === 'inline' || w === '__inline' || w === '__inline__' || w === '__forceinline'),
    words,
  };
}

function functionDefinition(view: SourceView, node: Node, out: Entities): void {
  if (view.skip(node.startIndex)) return;
  const typeNode = node.childForFieldName('type');
  const body = node.childForFieldName('body');
  const base = baseTypeText(view.text, node, typeNode);
  const declaratorNode = node.childForFieldName('declarator');
  const info = describeDeclarator(view.text, base, declaratorNode);
  if (!info.name || !info.functionParams || info.returnType === null) return;
  const start = declarationStart(view, node.startIndex);
  const row = startRow(view, node, start);
  const attrs = outsideParameterLists(
    attributesIn(view, start, body ? body.startIndex : node.endIndex),
    declaratorNode ? [declaratorNode] : [],
  );
  out.functions.push(
    functionEntity(view, { node, row, info, base, st: storage(node), attrs, declaratorNode, definition: true }, start),
  );
}

/** What both a definition and a prototype know about a function when its entity is made. */
interface FunctionParts {
  node: Node;
  row: number;
  info: ReturnType<typeof describeDeclarator>;
  base: string;
  st: ReturnType<typeof storage>;
  attrs: ReturnType<typeof attributesIn>;
  declaratorNode: Node | null;
  definition: boolean;
  /** Doc comment when the caller has already looked it up (declarations share one for all declarators). */
  doc?: string | null;
}

/** One function entity, built the same way for definitions and prototypes. */
function functionEntity(view: SourceView, p: FunctionParts, start: number): FunctionEntity {
  const { info } = p;
  return {
    name: info.name as string,
    kind: 'function',
    ...located(view, p.row),
    endLine: view.line(p.node.endPosition.row),
    definition: p.definition,
    static: p.st.static || p.attrs.some((a) => a.static),
    inline: p.st.inline || p.attrs.some((a) => a.inline),
    exported: false,
    returnType: info.returnType as string,
    params: info.functionParams!.params,
    variadic: info.functionParams!.variadic,
    attributes: [...new Set(p.attrs.map((a) => a.text))],
    signature: signature(p.st.words, p.base, view.text, p.declaratorNode),
    syscallMacro: null,
    doc: p.doc !== undefined ? p.doc : (view.docs?.before(start) ?? null),
    calls: [],
    sizes: [],
    writes: [],
    stores: [],
  };
}

/**
 * The attributes of the declaration itself: those written inside a parameter list (`int f(void *arg __unused)`,
 * `__unused void *arg`, or in the parameters of a returned function pointer) belong to a parameter and are dropped.
 * What stays was written before the return type, between the type and the name, or after the parameter list.
 */
function outsideParameterLists<T extends { start: number }>(attrs: T[], declarators: Node[]): T[] {
  if (attrs.length === 0) return attrs;
  const lists: Node[] = [];
  const stack = [...declarators];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.type === 'parameter_list') lists.push(n);
    else stack.push(...n.namedChildren);
  }
  if (lists.length === 0) return attrs;
  return attrs.filter((a) => !lists.some((l) => a.start > l.startIndex && a.start < l.endIndex));
}

/** `static inline struct uk_thread *uk_thread_current(void)`: one line of C, attributes left out. */
function signature(words: string[], base: string, text: string, declarator: Node | null): string {
  const d = declarator ? text.slice(declarator.startIndex, declarator.endIndex) : '';
  return tidy(`${words.join(' ')} ${base} ${d}`);
}

function declaration(view: SourceView, node: Node, out: Entities): void {
  if (view.skip(node.startIndex)) return;
  const typeNode = node.childForFieldName('type');
  const start = declarationStart(view, node.startIndex);
  const row = startRow(view, node, start);
  const doc = view.docs?.before(start) ?? null;
  if (typeNode && isAggregateWithBody(typeNode)) aggregate(view, typeNode, null, null, start, out);
  const base = baseTypeText(view.text, node, typeNode);
  const st = storage(node);
  const declarators = node.childrenForFieldName('declarator');
  const attrs = outsideParameterLists(attributesIn(view, start, node.endIndex), declarators);
  for (const d of declarators) {
    const isInit = d.type === 'init_declarator';
    const inner = isInit ? d.childForFieldName('declarator') : d;
    const value = isInit ? d.childForFieldName('value') : null;
    const info = describeDeclarator(view.text, base, inner);
    if (!info.name) continue;
    const declaratorNode = inner;
    if (info.functionParams && info.returnType !== null) {
      out.functions.push(
        functionEntity(view, { node, row, info, base, st, attrs, declaratorNode, definition: false, doc }, start),
      );
    } else {
      out.globals.push({
        name: info.name,
        type: info.fullType,
        static: st.static || attrs.some((a) => a.static),
        extern: st.extern,
        initializer: value ? tidy(view.text.slice(value.startIndex, value.endIndex)) : null,
        declaredBy: view.declaredBy,
        ...located(view, row),
        doc,
      });
    }
  }
}

function typeDefinition(view: SourceView, node: Node, out: Entities): void {
  if (view.skip(node.startIndex)) return;
  const typeNode = node.childForFieldName('type');
  const start = declarationStart(view, node.startIndex);
  const row = startRow(view, node, start);
  const doc = view.docs?.before(start) ?? null;
  const declarators = node.childrenForFieldName('declarator');
  const plainNames = declarators.filter((d) => d.type === 'type_identifier').map((d) => d.text);
  let aggregateEntity: Struct | Enum | null = null;
  if (typeNode && isAggregateWithBody(typeNode)) {
    aggregateEntity = aggregate(view, typeNode, null, plainNames[0] ?? null, start, out);
    aggregateEntity.typedefs.push(...plainNames);
  }
  const base = baseTypeText(view.text, node, typeNode);
  for (const d of declarators) {
    const info = describeDeclarator(view.text, base, d);
    if (!info.name) continue;
    const fp =
      info.functionPointer ??
      (info.functionParams && info.returnType !== null
        ? { returnType: info.returnType, params: info.functionParams.params, variadic: info.functionParams.variadic }
        : null);
    out.typedefs.push({ name: info.name, type: info.fullType, functionPointer: fp, ...located(view, row), doc });
  }
}

/** A struct, union or enum with a body; nested aggregates become their own entities with `parent` set. */
function aggregate(
  view: SourceView,
  node: Node,
  parent: string | null,
  typedefName: string | null,
  start: number,
  out: Entities,
): Struct | Enum {
  const kind = node.type === 'union_specifier' ? 'union' : node.type === 'enum_specifier' ? 'enum' : 'struct';
  const tag = node.childForFieldName('name')?.text ?? null;
  const name = tag ?? typedefName;
  const row = node.startPosition.row;
  const loc = located(view, row);
  const id = uniqueId(view, name ? `${kind}:${name}` : `${kind}:@${view.path}:${loc.line}`);
  const doc = view.docs?.before(start) ?? null;
  const endLine = view.line(node.endPosition.row);
  const body = node.childForFieldName('body') as Node;
  const nesting = parent === null ? 0 : (view.nesting.get(parent) ?? 0) + 1;
  const attributes = [
    ...attributesIn(view, node.startIndex, body.startIndex),
    ...attributesIn(view, body.endIndex, typeEnd(view, node)),
  ].map((a) => a.text);
  const shell = (k: Struct['kind']): Struct => ({
    id,
    name,
    kind: k,
    typedefs: [],
    parent,
    declaredBy: view.declaredBy,
    ...loc,
    endLine,
    doc,
    attributes,
    fields: [],
  });
  if (nesting > MAX_NESTING) {
    // Not read: the field that holds it keeps its type, and nothing records this aggregate.
    view.tooDeep.push(loc.line);
    return shell('struct');
  }
  view.nesting.set(id, nesting);
  if (kind === 'enum') {
    const e: Enum = { id, name, typedefs: [], ...loc, endLine, doc, attributes, constants: [] };
    out.enums.push(e);
    enumerators(view, body, e.constants, new Map());
    return e;
  }
  const s = shell(kind);
  out.structs.push(s);
  fieldList(view, body, s, out);
  return s;
}

function enumerators(view: SourceView, list: Node, constants: EnumConstant[], known: Map<string, number>): void {
  for (const c of list.namedChildren) {
    if (c.type === 'enumerator') {
      const name = c.childForFieldName('name')?.text;
      if (!name) continue;
      const valueNode = c.childForFieldName('value');
      const value = valueNode ? tidy(valueNode.text) : null;
      const prev = constants[constants.length - 1];
      let numeric: number | null;
      if (value !== null) numeric = evaluateConstant(value, (n) => known.get(n) ?? view.macroValue(n));
      else if (!prev) numeric = 0;
      else numeric = prev.numeric === null ? null : prev.numeric + 1;
      if (numeric !== null) known.set(name, numeric);
      const line = view.line(c.startPosition.row);
      const doc = view.docs?.after(c.endIndex, line) ?? view.docs?.before(c.startIndex) ?? null;
      constants.push({ name, value, numeric, doc, line });
    } else if (DECLARATION_CONTAINERS.has(c.type) || c.type === 'enumerator_list')
      enumerators(view, c, constants, known);
  }
}

/**
 * Where the attributes written after a type specifier end (`struct x { … } __packed;`): at the declarator or `;` that
 * follows it. Attributes are blanked before the parse, so they are the blank run after the specifier.
 */
function typeEnd(view: SourceView, specifier: Node): number {
  let i = specifier.endIndex;
  while (i < view.text.length && /\s/.test(view.text[i] as string)) i++;
  return i;
}

function fieldList(view: SourceView, list: Node, owner: Struct, out: Entities): void {
  for (const c of list.namedChildren) {
    if (c.type === 'field_declaration') field(view, c, owner, out);
    else if (DECLARATION_CONTAINERS.has(c.type) || c.type === 'field_declaration_list') fieldList(view, c, owner, out);
  }
}

function field(view: SourceView, node: Node, owner: Struct, out: Entities): void {
  const typeNode = node.childForFieldName('type');
  let nested: Struct | Enum | null = null;
  if (typeNode && isAggregateWithBody(typeNode))
    nested = aggregate(view, typeNode, owner.id, null, typeNode.startIndex, out);
  const base = baseTypeText(view.text, node, typeNode);
  const bitfield = node.namedChildren.find((c) => c.type === 'bitfield_clause');
  const bitWidth = bitfield ? tidy(bitfield.text.replace(/^:/, '')) : null;
  const declarators = node.childrenForFieldName('declarator');
  const endLine = view.line(node.endPosition.row);
  // A trailing doc is the member's own; a leading one may head a group (see doc-comments.ts).
  const doc = view.docs?.after(node.endIndex, endLine) ?? view.docs?.before(node.startIndex) ?? null;
  const row = node.startPosition.row;
  // The member's own attributes: not those of an aggregate declared in it (that aggregate's), nor those written in a
  // function pointer's parameter list (the parameters'). Those before the first declarator are every declarator's;
  // one written with a declarator (`int a __align(8), b;`) is that declarator's only.
  const nestedSpan = nested && typeNode ? { start: typeNode.startIndex, end: typeEnd(view, typeNode) } : null;
  const own = outsideParameterLists(
    attributesIn(view, declarationStart(view, node.startIndex), node.endIndex).filter(
      (a) => !nestedSpan || a.start < nestedSpan.start || a.start >= nestedSpan.end,
    ),
    declarators,
  );
  const firstStart = declarators[0]?.startIndex ?? node.endIndex;
  const attributesOf = (k: number) =>
    own
      .filter(
        (a) =>
          a.start < firstStart ||
          (a.start >= (declarators[k]?.startIndex ?? node.endIndex) &&
            a.start < (declarators[k + 1]?.startIndex ?? node.endIndex)),
      )
      .map((a) => a.text);
  if (declarators.length === 0) {
    // C11 anonymous member (`union { … };`): its members are reached through the parent directly.
    if (nested && nested.name === null) {
      owner.fields.push({
        name: '',
        type: base,
        doc,
        line: view.line(row),
        bitWidth,
        arraySize: [],
        functionPointer: null,
        aggregate: view.nesting.has(nested.id) ? nested.id : null,
        attributes: attributesOf(0),
        guard: view.guard(row),
      });
    }
    return;
  }
  declarators.forEach((d, k) => {
    const info = describeDeclarator(view.text, base, d);
    if (!info.name) return;
    const r = k === 0 ? row : (info.nameNode?.startPosition.row ?? row);
    const f: Field = {
      name: info.name,
      type: info.type,
      doc,
      line: view.line(r),
      bitWidth,
      arraySize: info.arraySize,
      functionPointer: info.functionPointer,
      aggregate: nested && view.nesting.has(nested.id) ? nested.id : null,
      attributes: attributesOf(k),
      guard: view.guard(r),
    };
    owner.fields.push(f);
  });
}
