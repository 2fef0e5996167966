// YAML anchors, aliases and merge keys in prometheus.yml, read as Prometheus (go-yaml v2) reads
// them: `labels: *a` is the node anchored `&a`, and `<<: *defaults` (or `<<: [*a, *b]`) copies
// that mapping's keys in place, later keys winning and, in a list, earlier mappings winning.
// The config reader then sees plain mappings, lists and scalars. An alias is replaced by the
// anchored node itself (shared, not copied), and the size the document would have once expanded
// is counted first, so an alias bomb ("billion laughs") is refused at once instead of expanding.
import { isAlias, isMap, isScalar, isSeq, Pair, type Alias, type Document, type Node } from 'yaml';

/** More nodes than this added by aliases is refused (go-yaml refuses such documents too). */
export const MAX_ALIAS_NODES = 400_000;

export class YamlAliasError extends Error {
  constructor(
    readonly node: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** Replaces every alias (and merge key) in `doc` in place; throws YamlAliasError when one is bad. */
export function expandAliases(doc: Document, maxAdded = MAX_ALIAS_NODES): void {
  const anchors = new Map<string, Node>();
  // Size of each walked node once expanded, and how much of that came through aliases.
  const sizes = new WeakMap<Node, { size: number; added: number }>();

  const target = (alias: Alias): Node => {
    const node = anchors.get(alias.source);
    if (!node) throw new YamlAliasError(alias, `alias *${alias.source} names no anchor before it`);
    return node;
  };

  const checkAdded = (node: unknown, added: number) => {
    if (added > maxAdded) {
      throw new YamlAliasError(node, `aliases expand this to more than ${maxAdded} nodes (an alias bomb?)`);
    }
  };

  // Walks one node written in the document; returns its expanded size and the part added by aliases.
  const walk = (node: unknown): { size: number; added: number } => {
    if (!node || typeof node !== 'object') return { size: 0, added: 0 };
    let size = 1;
    let added = 0;
    const child = (c: unknown): Node | null => {
      if (isAlias(c)) {
        const t = target(c);
        const s = sizes.get(t) ?? { size: 1, added: 0 };
        size += s.size;
        added += s.size;
        return t;
      }
      const s = walk(c);
      size += s.size;
      added += s.added;
      return c as Node | null;
    };
    if (isMap(node)) {
      const items = node.items as Pair<unknown, unknown>[];
      for (const pair of items) {
        pair.key = child(pair.key);
        pair.value = child(pair.value);
      }
      // Before merging: the pairs a merge copies are counted in `added`.
      checkAdded(node, added);
      if (items.some(isMergePair)) node.items = items.flatMap((p) => (isMergePair(p) ? mergedPairs(p) : [p]));
    } else if (isSeq(node)) {
      const items = node.items;
      for (let i = 0; i < items.length; i++) items[i] = child(items[i]);
    }
    checkAdded(node, added);
    const result = { size, added };
    if (isMap(node) || isSeq(node) || isScalar(node)) {
      sizes.set(node, result);
      // Registered once its content is walked: an alias inside its own anchor names nothing.
      if (node.anchor) anchors.set(node.anchor, node);
    }
    return result;
  };

  try {
    walk(doc.contents);
  } catch (err) {
    if (err instanceof RangeError)
      throw new YamlAliasError(doc.contents, 'the document is nested too deeply');
    throw err;
  }
}

/** `<<: ...` with a plain (unquoted) key, as YAML 1.1 and go-yaml have it. */
function isMergePair(p: Pair<unknown, unknown>): boolean {
  return isScalar(p.key) && p.key.value === '<<' && p.key.type === 'PLAIN';
}

/** The pairs a merge key stands for: one mapping's, or a list's with earlier mappings last (winning). */
function mergedPairs(p: Pair<unknown, unknown>): Pair<unknown, unknown>[] {
  const sources = isSeq(p.value) ? [...p.value.items].reverse() : [p.value];
  const out: Pair<unknown, unknown>[] = [];
  for (const s of sources) {
    if (!isMap(s)) throw new YamlAliasError(p.value ?? p.key, '<< merges a mapping or a list of mappings');
    for (const q of s.items as Pair<unknown, unknown>[]) out.push(new Pair(q.key, q.value));
  }
  return out;
}
