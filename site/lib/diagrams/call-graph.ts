/** Call-graph diagram around one function: callees to a depth, callers one level up, with node limits. */
import type { Call } from '../../../model/index.ts';
import type { SymbolIndex } from '../symbol-index.ts';
import { callersOf, callTarget, entitiesOf, targetOf, type CallTarget } from '../call-targets.ts';
import { label, NodeIds, type Diagram } from './mermaid-text.ts';
import { t } from '../i18n.ts';
import type { Lang } from '../urls.ts';

/** Limits that keep the diagram readable on large functions. */
export interface CallGraphOptions {
  /** Levels of callees to follow (default 2). */
  depth?: number;
  /** Most nodes to draw in total (default 30). */
  maxNodes?: number;
  /** Most callers to draw (default 8). */
  maxCallers?: number;
  /** Language of the notes on what was cut (default English). */
  lang?: Lang;
}

const ARROW = { direct: '-->', macro: '-.->', pointer: '==>' } as const;

/** Calls worth drawing: a bare macro use (empty chain, `to` is the macro) is listed on the page but not drawn. */
function drawn(calls: Call[]): Call[] {
  return calls.filter((c) => !(c.via === 'macro' && c.macroChain && c.macroChain.length === 0));
}

/** A node: its key (kind and name, so a syscall and a function of one name stay apart) and what it shows. */
interface Node {
  key: string;
  name: string;
  target: CallTarget | null;
}

const keyOf = (t: CallTarget) => `${t.kind}:${t.name}`;

/**
 * Builds the call graph of a function or syscall page as a Mermaid flowchart. Each call is followed to the definition
 * it reaches from its own file (see call-targets.ts), so a static function never stands in for another of its name.
 */
export function callGraph(index: SymbolIndex, root: CallTarget | string, options: CallGraphOptions = {}): Diagram {
  const depth = options.depth ?? 2;
  const maxNodes = options.maxNodes ?? 30;
  const maxCallers = options.maxCallers ?? 8;
  const start: CallTarget = typeof root === 'string' ? { kind: 'function', name: root } : root;
  const ids = new NodeIds();
  const lines = ['flowchart LR'];
  const edges = new Set<string>();
  let droppedNodes = 0;
  let deeper = 0;
  const rootId = ids.id(keyOf(start));
  lines.push(`  ${rootId}[${label(start.name)}]`, `  style ${rootId} stroke-width:3px`);
  /** Every call of the node's definitions, with the node each one reaches. */
  const callsOf = (t: CallTarget): { call: Call; to: Node }[] =>
    entitiesOf(index, t)
      .filter((f) => f.definition)
      .flatMap((f) =>
        drawn(f.calls).map((call) => {
          if (!call.to) {
            const name = `? ${call.through ?? 'pointer'}`;
            return { call, to: { key: `?:${name}`, name, target: null } };
          }
          const target = callTarget(index, call.to, f.file, call.via);
          return {
            call,
            to: target
              ? { key: keyOf(target), name: target.name, target }
              : { key: `name:${call.to}`, name: call.to, target: null },
          };
        }),
      );
  let frontier: CallTarget[] = [start];
  for (let level = 0; level < depth; level++) {
    const next: CallTarget[] = [];
    for (const from of frontier) {
      for (const { call, to } of callsOf(from)) {
        if (!ids.has(to.key)) {
          if (ids.size >= maxNodes) {
            droppedNodes++;
            continue;
          }
          lines.push(`  ${ids.id(to.key)}[${label(to.name)}]`);
          if (to.target) next.push(to.target);
        }
        const edge = `  ${ids.id(keyOf(from))} ${ARROW[call.via]}${call.via === 'direct' ? '' : `|${call.via}|`} ${ids.id(to.key)}`;
        if (!edges.has(edge)) {
          edges.add(edge);
          lines.push(edge);
        }
      }
    }
    frontier = next;
  }
  for (const f of frontier) deeper += callsOf(f).filter(({ to }) => !ids.has(to.key)).length;
  const callers = [
    ...new Map(
      callersOf(index, start)
        .filter((c) => drawn([c.call]).length)
        .map((c) => [keyOf(targetOf(c.from)), c.from.name] as const),
    ),
  ];
  for (const [i, [key, callerName]] of callers.entries()) {
    if (i >= maxCallers || (!ids.has(key) && ids.size >= maxNodes)) {
      droppedNodes++;
      continue;
    }
    if (!ids.has(key)) lines.push(`  ${ids.id(key)}[${label(callerName)}]`);
    const edge = `  ${ids.id(key)} --> ${rootId}`;
    if (!edges.has(edge)) {
      edges.add(edge);
      lines.push(edge);
    }
  }
  const cut: string[] = [];
  const s = t(options.lang ?? 'en');
  if (deeper) cut.push(s.cutDeeper(deeper, depth));
  if (droppedNodes) cut.push(s.cutLeftOut(droppedNodes, maxNodes, maxCallers));
  return { source: lines.join('\n'), cut, nodes: ids.size };
}
