/** Small helpers to write Mermaid flowcharts safely from model names. */

/** Quotes a label for a Mermaid node or edge (`"…"` with entities for the characters Mermaid reads). */
export function label(text: string): string {
  return '"' + text.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`) + '"';
}

/** A generated diagram and what was left out of it. */
export interface Diagram {
  /** Mermaid source. */
  source: string;
  /** Human-readable notes of what was cut (empty when complete). */
  cut: string[];
  /** Number of nodes drawn. */
  nodes: number;
}

/** Assigns short stable node ids (`n0`, `n1`, …) to names. */
export class NodeIds {
  private ids = new Map<string, string>();
  /** Id for a name, creating it on first use. */
  id(name: string): string {
    let id = this.ids.get(name);
    if (!id) {
      id = `n${this.ids.size}`;
      this.ids.set(name, id);
    }
    return id;
  }
  has(name: string): boolean {
    return this.ids.has(name);
  }
  get size(): number {
    return this.ids.size;
  }
}
