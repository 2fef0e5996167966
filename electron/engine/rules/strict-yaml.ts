// Strict YAML reading as Go's yaml.v2 UnmarshalStrict reports it: a field the Go type lacks is an
// "unmarshal error" with its line, collected (not thrown) so all of them are named at once.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/** A scalar's text and where its value starts (line:col, 1-based; 0:0 when absent as Go's zero Node). */
/**
 * Documents are read with the failsafe schema, so every scalar is its source text (as yaml.v2
 * decodes into a Go string: `0x10` stays "0x10", not 16); null is a plain empty, ~ or null.
 */
export const FAILSAFE = { schema: 'failsafe' } as const;

function isNull(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  if (!isScalar(node)) return false;
  if (node.value === null) return true;
  return node.type === 'PLAIN' && ['', '~', 'null', 'Null', 'NULL'].includes(String(node.value));
}

export interface Pos {
  value: string;
  line: number;
  col: number;
}
export const ABSENT: Pos = { value: '', line: 0, col: 0 };

export class StrictYamlReader {
  readonly unmarshal: string[] = [];
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  deref(n: unknown): unknown {
    return isAlias(n) ? n.resolve(this.doc) : n;
  }

  at(n: unknown): { line: number; col: number } {
    const r = (n as { range?: [number, number, number] } | null)?.range;
    return r ? this.lines.linePos(r[0]) : { line: 0, col: 0 };
  }

  /** The fields of a mapping, after reporting those the Go type does not have. */
  fields(n: unknown, known: string[], type: string): Map<string, { key: unknown; value: unknown }> {
    const out = new Map<string, { key: unknown; value: unknown }>();
    const node = this.deref(n);
    if (isNull(node)) return out;
    if (!isMap(node)) {
      this.typeError(node, type);
      return out;
    }
    for (const pair of node.items) {
      const k = this.deref(pair.key);
      const name = isScalar(k) ? String(k.value) : '';
      if (!known.includes(name)) {
        this.unmarshal.push(`line ${this.at(k).line}: field ${name} not found in type ${type}`);
        continue;
      }
      out.set(name, { key: k, value: this.deref(pair.value) });
    }
    return out;
  }

  typeError(node: unknown, type: string): void {
    const tag = isSeq(node) ? '!!seq' : isMap(node) ? '!!map' : '!!str';
    const text = isScalar(node) ? ` \`${String(node.value)}\`` : '';
    this.unmarshal.push(`line ${this.at(node).line}: cannot unmarshal ${tag}${text} into ${type}`);
  }

  scalar(n: unknown, type = 'string'): Pos {
    const node = this.deref(n);
    if (node === undefined) return ABSENT;
    const { line, col } = this.at(node);
    if (!isScalar(node)) {
      this.typeError(node, type);
      return { value: '', line, col };
    }
    return { value: isNull(node) ? '' : String(node.value), line, col };
  }

  items(n: unknown, type: string): unknown[] {
    const node = this.deref(n);
    if (isNull(node)) return [];
    if (!isSeq(node)) {
      this.typeError(node, type);
      return [];
    }
    return node.items.map((i) => this.deref(i));
  }

  stringMap(n: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    const node = this.deref(n);
    if (isNull(node)) return out;
    if (!isMap(node)) {
      this.typeError(node, 'map[string]string');
      return out;
    }
    for (const pair of node.items) out[this.scalar(pair.key).value] = this.scalar(pair.value).value;
    return out;
  }
}
