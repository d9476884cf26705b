/** Test helper: the C layer end to end on raw bytes (decode, macro scan, parse, extract), as the analyzer runs it. */
import { decodeSource } from '../../c/decode-source.ts';
import { extractFile, type FileFacts } from '../../c/extract-file.ts';
import { parseC } from '../../c/parse-c.ts';
import { scanMacros } from '../../c/scan-macros.ts';
import { Diagnostic, Enum, FunctionEntity, Global, Macro, Struct, Typedef } from '../../../model/schema.ts';

/** Facts of one file, with the decoder's diagnostics first, every entity checked against the model schemas. */
export function analyzeBytes(path: string, bytes: Uint8Array): FileFacts {
  const decoded = decodeSource(path, bytes);
  const macros = scanMacros([{ path, text: decoded.text }]);
  const facts = extractFile(parseC(path, decoded.text, macros), { library: 'fuzz', documented: true, macros });
  facts.diagnostics.unshift(...decoded.diagnostics);
  return expectValidFacts(facts);
}

/** Throws (with zod's field path) unless every entity of `facts` is a valid model entity; returns `facts`. */
export function expectValidFacts(facts: FileFacts): FileFacts {
  for (const s of facts.structs) Struct.parse(s);
  for (const e of facts.enums) Enum.parse(e);
  for (const t of facts.typedefs) Typedef.parse(t);
  for (const m of facts.macros) Macro.parse(m);
  for (const g of facts.globals) Global.parse(g);
  for (const f of facts.functions) FunctionEntity.parse(f);
  for (const d of facts.diagnostics) Diagnostic.parse(d);
  return facts;
}

/** A small seeded PRNG (mulberry32) so generated inputs are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
