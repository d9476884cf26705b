/**
 * The little of C's type system the call graph needs: which aggregate an expression points into, and whether a
 * value is a function pointer. Built once from the model's structs and typedefs.
 */
import type { FunctionEntity, Struct, Typedef } from '../../model/schema.ts';

/** A type reduced to what slot resolution needs; `struct` is the aggregate's slot name (tag, typedef name or id). */
export interface CType {
  struct: string | null;
  /** Levels of pointer or array around the base type. */
  ptr: number;
  fnptr: boolean;
}

/** Lookups over the model's aggregates, typedefs and function signatures. */
export interface TypeIndex {
  /** Reduces a type as written (`const struct uk_sched *`, `uk_sched_yield_func_t`) to a CType; null when unknown. */
  parse(text: string): CType | null;
  /** The type of `field` in the aggregate with slot name `struct`, or null when the aggregate has no such field. */
  field(struct: string, field: string): CType | null;
  /** Field names in declaration order, for positional initializers; null for unknown aggregates. */
  fieldOrder(struct: string): string[] | null;
  /** Return type of a function known to the model. */
  returnType(fn: string): CType | null;
  isFunction(name: string): boolean;
  /** True for typedef names (so `(__sz)(x)` is a cast, not a call). */
  isType(name: string): boolean;
}

const QUALIFIERS =
  /\b(const|volatile|restrict|__restrict|__restrict__|static|extern|inline|__inline|__inline__|register|__extension__|_Atomic)\b/g;

const PRIMITIVE = new Set([
  'int',
  'char',
  'long',
  'short',
  'unsigned',
  'signed',
  'void',
  'float',
  'double',
  '_Bool',
  'bool',
]);

/** The name a slot on this aggregate is shown with (`uk_sched.yield`). */
export function slotName(s: Struct): string {
  return s.name ?? s.id;
}

/** Builds the index once per run; aggregates defined twice (under opposite guards) merge their fields. */
export function buildTypeIndex(structs: Struct[], typedefs: Typedef[], functions: FunctionEntity[]): TypeIndex {
  const byTag = new Map<string, Struct[]>();
  const byTypedef = new Map<string, Struct>();
  const byId = new Map<string, Struct>();
  for (const s of structs) {
    byId.set(s.id, s);
    const key = slotName(s);
    const list = byTag.get(key);
    if (list) list.push(s);
    else byTag.set(key, [s]);
    for (const t of s.typedefs) byTypedef.set(t, s);
  }
  const typedefMap = new Map<string, Typedef>();
  for (const t of typedefs) if (!typedefMap.has(t.name)) typedefMap.set(t.name, t);
  const fnMap = new Map<string, FunctionEntity>();
  for (const f of functions) if (!fnMap.has(f.name) || f.definition) fnMap.set(f.name, f);

  const fieldCache = new Map<string, Map<string, CType | null> | null>();
  const orderCache = new Map<string, string[] | null>();

  function parse(text: string, depth = 0): CType | null {
    if (depth > 16) return null;
    const t = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(QUALIFIERS, ' ');
    if (/\(\s*\*/.test(t)) return { struct: null, ptr: 0, fnptr: true };
    const stars = (t.match(/\*/g) ?? []).length + (t.match(/\[/g) ?? []).length;
    const base = t
      .replace(/\[[^\]]*\]/g, ' ')
      .replace(/\*/g, ' ')
      .trim()
      .replace(/\s+/g, ' ');
    const m = /^(struct|union) ([A-Za-z_]\w*)$/.exec(base);
    if (m) {
      const tag = m[2] as string;
      return byTag.has(tag) ? { struct: tag, ptr: stars, fnptr: false } : { struct: null, ptr: stars, fnptr: false };
    }
    if (base.split(' ').every((w) => PRIMITIVE.has(w))) return { struct: null, ptr: stars, fnptr: false };
    if (!/^[A-Za-z_]\w*$/.test(base)) return null;
    const s = byTypedef.get(base);
    if (s) return { struct: slotName(s), ptr: stars, fnptr: false };
    if (byTag.has(base) && !typedefMap.has(base)) return { struct: base, ptr: stars, fnptr: false };
    const td = typedefMap.get(base);
    if (!td) return null;
    if (td.functionPointer) return { struct: null, ptr: stars, fnptr: true };
    const inner = parse(td.type, depth + 1);
    return inner ? { ...inner, ptr: inner.ptr + stars } : null;
  }

  function fieldsOf(struct: string): Map<string, CType | null> | null {
    if (fieldCache.has(struct)) return fieldCache.get(struct) ?? null;
    const list = byTag.get(struct) ?? (byId.has(struct) ? [byId.get(struct) as Struct] : undefined);
    if (!list) {
      fieldCache.set(struct, null);
      return null;
    }
    const fields = new Map<string, CType | null>();
    const order: string[] = [];
    for (const s of list) {
      for (const f of s.fields) {
        if (fields.has(f.name)) continue;
        order.push(f.name);
        let type: CType | null;
        if (f.functionPointer) type = { struct: null, ptr: f.arraySize.length, fnptr: true };
        else if (f.aggregate && byId.has(f.aggregate)) {
          type = { struct: slotName(byId.get(f.aggregate) as Struct), ptr: f.arraySize.length, fnptr: false };
        } else {
          const p = parse(f.type);
          type = p ? { ...p, ptr: p.ptr + f.arraySize.length } : null;
        }
        fields.set(f.name, type);
      }
      // Members of anonymous nested aggregates are reachable from the parent by name.
      for (const f of s.fields) {
        if (!f.aggregate || f.name !== '') continue;
        const inner = byId.get(f.aggregate);
        if (inner) for (const [n, t] of fieldsOf(slotName(inner)) ?? []) if (!fields.has(n)) fields.set(n, t);
      }
    }
    fieldCache.set(struct, fields);
    orderCache.set(struct, order);
    return fields;
  }

  const parsed = new Map<string, CType | null>();
  return {
    parse(text) {
      let t = parsed.get(text);
      if (t === undefined) parsed.set(text, (t = parse(text)));
      return t;
    },
    field(struct, field) {
      const fields = fieldsOf(struct);
      return fields?.get(field) ?? null;
    },
    fieldOrder(struct) {
      fieldsOf(struct);
      return orderCache.get(struct) ?? null;
    },
    returnType(fn) {
      const f = fnMap.get(fn);
      return f ? parse(f.returnType) : null;
    },
    isFunction: (name) => fnMap.has(name),
    isType: (name) => typedefMap.has(name) || byTypedef.has(name) || PRIMITIVE.has(name),
  };
}
