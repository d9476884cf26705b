/** Call-graph diagram around one function: callees to a depth, callers one level up, with node limits. */
import type { Call } from '../../../model/index.ts';
import type { SymbolIndex } from '../symbol-index.ts';
import { label, NodeIds, type Diagram } from './mermaid-text.ts';

/** Limits that keep the diagram readable on large functions. */
export interface CallGraphOptions {
  /** Levels of callees to follow (default 2). */
  depth?: number;
  /** Most nodes to draw in total (default 30). */
  maxNodes?: number;
  /** Most callers to draw (default 8). */
  maxCallers?: number;
}

const ARROW = { direct: '-->', macro: '-.->', pointer: '==>' } as const;

/** Calls worth drawing: a bare macro use (empty chain, `to` is the macro) is listed on the page but not drawn. */
function drawn(calls: Call[]): Call[] {
  return calls.filter((c) => !(c.via === 'macro' && c.macroChain && c.macroChain.length === 0));
}

/** Builds the call graph of `name` as a Mermaid flowchart. */
export function callGraph(index: SymbolIndex, name: string, options: CallGraphOptions = {}): Diagram {
  const depth = options.depth ?? 2;
  const maxNodes = options.maxNodes ?? 30;
  const maxCallers = options.maxCallers ?? 8;
  const ids = new NodeIds();
  const lines = ['flowchart LR'];
  const edges = new Set<string>();
  let droppedNodes = 0;
  let deeper = 0;
  const root = ids.id(name);
  lines.push(`  ${root}[${label(name)}]`, `  style ${root} stroke-width:3px`);
  const fnOf = (n: string) => index.functions.get(n)?.[0] ?? index.syscalls.get(n)?.[0];
  let frontier = [name];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const from of frontier) {
      for (const call of drawn(fnOf(from)?.calls ?? [])) {
        const to = call.to ?? `? ${call.through ?? 'pointer'}`;
        if (!ids.has(to)) {
          if (ids.size >= maxNodes) {
            droppedNodes++;
            continue;
          }
          lines.push(`  ${ids.id(to)}[${label(to)}]`);
          next.push(to);
        }
        const edge = `  ${ids.id(from)} ${ARROW[call.via]}${call.via === 'direct' ? '' : `|${call.via}|`} ${ids.id(to)}`;
        if (!edges.has(edge)) {
          edges.add(edge);
          lines.push(edge);
        }
      }
    }
    frontier = next;
  }
  for (const f of frontier) deeper += drawn(fnOf(f)?.calls ?? []).filter((c) => !c.to || !ids.has(c.to)).length;
  const callers = [
    ...new Set((index.callers.get(name) ?? []).filter((c) => drawn([c.call]).length).map((c) => c.from.name)),
  ];
  for (const [i, caller] of callers.entries()) {
    if (i >= maxCallers || (!ids.has(caller) && ids.size >= maxNodes)) {
      droppedNodes++;
      continue;
    }
    if (!ids.has(caller)) lines.push(`  ${ids.id(caller)}[${label(caller)}]`);
    const edge = `  ${ids.id(caller)} --> ${root}`;
    if (!edges.has(edge)) {
      edges.add(edge);
      lines.push(edge);
    }
  }
  const cut: string[] = [];
  if (deeper) cut.push(`${deeper} call(s) deeper than ${depth} level(s) not drawn`);
  if (droppedNodes)
    cut.push(`${droppedNodes} function(s) left out to stay under ${maxNodes} nodes / ${maxCallers} callers`);
  return { source: lines.join('\n'), cut, nodes: ids.size };
}
