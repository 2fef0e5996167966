// What answered on a port, read from its own /metrics: the `<name>_build_info` family most
// exporters write (with its version label), else go_build_info's module path, else the family
// prefixes only one exporter writes (exporter-ports.ts). A body with no sample line is not an
// exposition (an HTML page, a JSON API) and names nothing.
import { FAMILY_PREFIXES } from './exporter-ports';

export interface ExporterIdentity {
  /** e.g. "node_exporter"; null when the body has metrics but says not whose. */
  name: string | null;
  namedBy: 'build_info' | 'module' | 'prefix' | null;
  version: string | null;
  /** Metric families (by name, suffixes such as _bucket not folded) in the body. */
  families: number;
}

/** A sample line's metric name, e.g. `node_load1` of `node_load1 0.5` or `up{job="x"} 1`. */
const SAMPLE_NAME = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{|[ \t])/;
/** Build info families every Go or JVM binary writes whatever it is: they name the runtime. */
const RUNTIME_BUILD_INFO = new Set(['go_build_info', 'jvm_info', 'python_info']);

/** Who wrote this exposition body; null when it is not one. */
export function identifyExporter(body: string): ExporterIdentity | null {
  const names = new Set<string>();
  const buildInfo = new Map<string, string>();
  for (const line of body.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = SAMPLE_NAME.exec(line);
    if (!m) continue;
    const name = m[1];
    names.add(name);
    if (name.endsWith('_build_info') && !buildInfo.has(name)) buildInfo.set(name, line);
  }
  if (names.size === 0) return null;
  const families = names.size;
  const own = [...buildInfo.keys()].filter((n) => !RUNTIME_BUILD_INFO.has(n));
  // An exporter's own build info ends in _exporter more often than not; a library's does not.
  const pick = own.find((n) => n.endsWith('_exporter_build_info')) ?? own[0];
  if (pick) {
    return {
      name: pick.slice(0, -'_build_info'.length),
      namedBy: 'build_info',
      version: labelValue(buildInfo.get(pick)!, 'version'),
      families,
    };
  }
  const goInfo = buildInfo.get('go_build_info');
  const path = goInfo ? labelValue(goInfo, 'path') : null;
  // A module path such as github.com/prometheus/node_exporter; a bare "command-line-arguments" names nothing.
  const module = path?.includes('/') ? path.split('/').pop()! : null;
  if (module) return { name: module, namedBy: 'module', version: labelValue(goInfo!, 'version'), families };
  for (const [prefix, exporter] of FAMILY_PREFIXES) {
    for (const n of names) {
      if (n.startsWith(prefix)) return { name: exporter, namedBy: 'prefix', version: null, families };
    }
  }
  return { name: null, namedBy: null, version: null, families };
}

/** One label's value on a sample line (escapes undone), or null when it has no such label. */
function labelValue(line: string, label: string): string | null {
  const re = new RegExp(`[{,]\\s*${label}="((?:[^"\\\\]|\\\\.)*)"`);
  const m = re.exec(line);
  if (!m) return null;
  return m[1].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}
