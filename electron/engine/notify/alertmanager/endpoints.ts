// The Alertmanagers an `alertmanagers:` entry names, as Prometheus 2.42's AlertmanagerFromGroup
// finds them: each target (static, or of a group its file_sd, http_sd or dns_sd found) gets
// __address__, __scheme__ (the entry's scheme) and __alerts_path__ (path_prefix +
// /api/<version>/alerts) besides its group's labels, goes through
// the entry's relabel_configs (dropped, or its URL built from those three labels), and the list is
// deduplicated by URL. A target left with a "/" in its address spoils its whole group, as in 2.42.
import { posix } from 'node:path';
import type { LabelSet } from '../../../../shared/api';
import { relabel } from '../../relabel/apply';
import type { AlertmanagerConfig } from '../../config/alerting-config';
import type { TargetGroup } from '../../targets';

export interface AlertmanagerEndpoints {
  /** URLs to POST alerts to, each once. */
  urls: string[];
  /** Targets relabel_configs dropped: the URL their labels before relabeling give (as 2.42 lists them). */
  dropped: string[];
  /** Groups skipped, with why. */
  errors: string[];
}

/** `discovered`: the groups its discovery sources found, after its static ones. */
export function alertmanagerEndpoints(
  cfg: AlertmanagerConfig,
  discovered: readonly TargetGroup[] = [],
): AlertmanagerEndpoints {
  const out: AlertmanagerEndpoints = { urls: [], dropped: [], errors: [] };
  const path = posix.join('/', cfg.pathPrefix, `/api/${cfg.apiVersion}/alerts`);
  const statics: TargetGroup[] = cfg.staticConfigs.map((g) => ({
    targets: g.targets.map((address) => ({ __address__: address })),
    labels: g.labels,
  }));
  for (const group of [...statics, ...discovered]) {
    const urls: string[] = [];
    const dropped: string[] = [];
    let error: string | null = null;
    for (const target of group.targets) {
      const labels: LabelSet = { ...group.labels, ...target, __scheme__: cfg.scheme, __alerts_path__: path };
      const out = relabel(labels, cfg.relabelConfigs);
      if (out === null) {
        dropped.push(amUrl(labels));
        continue;
      }
      const addr = out.__address__ ?? '';
      if (addr.includes('/')) {
        error = `"${addr}" is not a valid hostname`;
        break;
      }
      urls.push(amUrl(out));
    }
    if (error !== null) {
      out.errors.push(`creating discovered Alertmanagers failed: ${error}`);
      continue;
    }
    out.urls.push(...urls);
    out.dropped.push(...dropped);
  }
  out.urls = [...new Set(out.urls)];
  return out;
}

/** Go's url.URL{Scheme, Host, Path}.String() of an Alertmanager's labels. */
function amUrl(labels: LabelSet): string {
  return `${labels.__scheme__ ?? ''}://${labels.__address__ ?? ''}${labels.__alerts_path__ ?? ''}`;
}
