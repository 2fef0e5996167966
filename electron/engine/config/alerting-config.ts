// prometheus.yml's `alerting:` as Prometheus 2.42 reads it: alert_relabel_configs, and
// alertmanagers[] with static_configs, file_sd_configs, http_sd_configs and dns_sd_configs, scheme, path_prefix, timeout,
// api_version (v1 is still accepted by 2.42, v2 is the default), relabel_configs for the
// Alertmanagers' own labels, and the HTTP client options (basic_auth, authorization,
// bearer_token, tls_config; files relative to the config file). prometheus-config.ts hands over
// its reader and its shared block readers, so errors name file, line and key.
import type { Node, Pair } from 'yaml';
import {
  readAuthorization,
  readBasicAuth,
  readConfigFile,
  type YamlSectionReader,
} from './http-client-blocks';
import type { RelabelRule } from '../relabel/rule';
import type { DnsSdConfig, FileSdConfig, HttpSdConfig } from '../discovery/sd-config';

export interface AlertmanagerTls {
  insecureSkipVerify: boolean;
  /** PEM text, read at load (Prometheus reads them when it builds the client). */
  ca: string | null;
  cert: string | null;
  key: string | null;
  serverName: string | null;
}

export interface AlertmanagerConfig {
  scheme: 'http' | 'https';
  pathPrefix: string;
  timeoutMs: number;
  apiVersion: 'v1' | 'v2';
  basicAuth: { username: string; password: string } | null;
  /** The Authorization header's type and credentials (authorization:, or bearer_token). */
  authorization: { type: string; credentials: string } | null;
  tls: AlertmanagerTls;
  staticConfigs: { targets: string[]; labels: Record<string, string> }[];
  /** file_sd_configs: target groups from files, watched. */
  fileSdConfigs: FileSdConfig[];
  /** http_sd_configs: target groups from an HTTP endpoint, refreshed. */
  httpSdConfigs: HttpSdConfig[];
  /** dns_sd_configs: target groups from DNS records, refreshed. */
  dnsSdConfigs: DnsSdConfig[];
  /** Applied to each Alertmanager's labels (__address__, __scheme__, __alerts_path__). */
  relabelConfigs: RelabelRule[];
}

export interface AlertingConfig {
  /** Applied to every alert (after the external labels are added) before it is queued. */
  alertRelabelConfigs: RelabelRule[];
  alertmanagers: AlertmanagerConfig[];
}

/** prometheus-config.ts's readers of blocks the scrape configs share (errors with line and key). */
export interface SharedBlockReaders {
  /** relabel_configs with 2.42's checks. */
  relabel(node: Node | null, base: string, what: string): RelabelRule[];
  /** One file_sd_configs entry (files relative to the config). */
  fileSd(node: Node | null, base: string): FileSdConfig;
  /** One http_sd_configs entry (the URL and auth checked as for a scrape job). */
  httpSd(node: Node | null, base: string): HttpSdConfig;
  /** One dns_sd_configs entry. */
  dnsSd(node: Node | null, base: string): DnsSdConfig;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const SD_KEYS = /_sd_configs$/;

export function readAlertingConfig(
  r: YamlSectionReader,
  node: Node | null,
  readers: SharedBlockReaders,
): AlertingConfig {
  const out: AlertingConfig = { alertRelabelConfigs: [], alertmanagers: [] };
  if (isNull(node)) return out;
  for (const [key, pair] of r.map(node, 'alerting')) {
    const p = `alerting.${key}`;
    if (key === 'alert_relabel_configs')
      out.alertRelabelConfigs = readers.relabel(pair.value, p, 'alert relabeling rule');
    else if (key === 'alertmanagers')
      out.alertmanagers = r.seq(pair.value, p).map((n, i) => readAlertmanager(r, n, `${p}[${i}]`, readers));
    else r.warn(pair, p, 'unknown key, ignored');
  }
  return out;
}

function readAlertmanager(
  r: YamlSectionReader,
  node: Node | null,
  base: string,
  readers: SharedBlockReaders,
): AlertmanagerConfig {
  const am: AlertmanagerConfig = {
    scheme: 'http',
    pathPrefix: '',
    timeoutMs: DEFAULT_TIMEOUT_MS,
    apiVersion: 'v2',
    basicAuth: null,
    authorization: null,
    tls: { insecureSkipVerify: false, ca: null, cert: null, key: null, serverName: null },
    staticConfigs: [],
    fileSdConfigs: [],
    httpSdConfigs: [],
    dnsSdConfigs: [],
    relabelConfigs: [],
  };
  if (isNull(node)) return am;
  const m = r.map(node, base);
  /** Static targets with a "/" (2.42 refuses them when there are no relabel_configs). */
  const urlTargets: [Node | null, string, string][] = [];
  let bearer: string | null = null;
  for (const [key, pair] of m) {
    const p = `${base}.${key}`;
    switch (key) {
      case 'scheme': {
        const s = r.string(pair, p);
        if (s !== 'http' && s !== 'https') throw r.error(pair.value, p, `must be http or https, not "${s}"`);
        am.scheme = s;
        break;
      }
      case 'path_prefix':
        am.pathPrefix = isNull(pair.value) ? '' : r.string(pair, p);
        break;
      case 'timeout':
        am.timeoutMs = r.duration(pair, p);
        break;
      case 'api_version': {
        const v = isNull(pair.value) ? '' : r.string(pair, p);
        if (v !== 'v1' && v !== 'v2')
          throw r.error(pair.value, p, `expected Alertmanager api version to be one of [v1 v2] but got ${v}`);
        am.apiVersion = v;
        if (v === 'v1')
          r.warn(
            pair,
            p,
            'v1 is deprecated (Alertmanager 0.27 and later answer only v2), kept as Prometheus 2.42 does',
          );
        break;
      }
      case 'static_configs':
        r.seq(pair.value, p).forEach((n, i) => {
          const targets: string[] = [];
          let labels: Record<string, string> = {};
          for (const [k, kp] of r.map(n, `${p}[${i}]`)) {
            if (k === 'targets') {
              for (const tn of r.seq(kp.value, `${p}[${i}].targets`)) {
                const t = r.scalarString(tn, `${p}[${i}].targets`);
                if (t.includes('/')) urlTargets.push([tn, `${p}[${i}].targets`, t]);
                targets.push(t);
              }
            } else if (k === 'labels') labels = r.labels(kp.value, `${p}[${i}].labels`);
            else r.warn(kp, `${p}[${i}].${k}`, 'unknown key, ignored');
          }
          am.staticConfigs.push({ targets, labels });
        });
        break;
      case 'relabel_configs':
        am.relabelConfigs = readers.relabel(pair.value, p, 'Alertmanager target relabeling rule');
        break;
      case 'basic_auth':
        am.basicAuth = readBasicAuth(r, pair, p);
        break;
      case 'authorization': {
        const a = readAuthorization(r, pair, p);
        am.authorization = { type: a.type, credentials: a.credentials ?? '' };
        break;
      }
      case 'bearer_token':
        bearer = r.string(pair, p);
        break;
      case 'bearer_token_file':
        if (bearer !== null || m.has('bearer_token'))
          throw r.error(pair.value, p, 'at most one of bearer_token & bearer_token_file must be configured');
        bearer = readConfigFile(r, pair, p);
        break;
      case 'file_sd_configs':
        am.fileSdConfigs = r.seq(pair.value, p).map((n, i) => readers.fileSd(n, `${p}[${i}]`));
        break;
      case 'http_sd_configs':
        am.httpSdConfigs = r.seq(pair.value, p).map((n, i) => readers.httpSd(n, `${p}[${i}]`));
        break;
      case 'dns_sd_configs':
        am.dnsSdConfigs = r.seq(pair.value, p).map((n, i) => readers.dnsSd(n, `${p}[${i}]`));
        break;
      case 'tls_config':
        am.tls = readTls(r, pair, p);
        break;
      case 'follow_redirects':
      case 'enable_http2':
        r.bool(pair, p);
        break;
      default:
        r.warn(
          pair,
          p,
          SD_KEYS.test(key) ? 'not supported by Promdesk yet, ignored' : 'unknown key, ignored',
        );
    }
  }
  if (bearer !== null) {
    if (am.authorization)
      throw r.error(node, base, 'authorization is not compatible with bearer_token & bearer_token_file');
    am.authorization = { type: 'Bearer', credentials: bearer };
  }
  if (am.basicAuth && am.authorization)
    throw r.error(
      node,
      base,
      'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured',
    );
  const [bad] = am.relabelConfigs.length === 0 ? urlTargets : [];
  if (bad) throw r.error(bad[0], bad[1], `"${bad[2]}" is not a valid hostname`);
  return am;
}

function readTls(r: YamlSectionReader, pair: Pair<Node, Node>, p: string): AlertmanagerTls {
  const tls: AlertmanagerTls = {
    insecureSkipVerify: false,
    ca: null,
    cert: null,
    key: null,
    serverName: null,
  };
  for (const [k, kp] of r.map(pair.value, p)) {
    const kk = `${p}.${k}`;
    if (k === 'insecure_skip_verify') tls.insecureSkipVerify = r.bool(kp, kk);
    else if (k === 'ca_file') tls.ca = readConfigFile(r, kp, kk);
    else if (k === 'cert_file') tls.cert = readConfigFile(r, kp, kk);
    else if (k === 'key_file') tls.key = readConfigFile(r, kp, kk);
    else if (k === 'server_name') tls.serverName = r.string(kp, kk);
    else r.warn(kp, kk, 'not supported by Promdesk yet, ignored');
  }
  if ((tls.cert === null) !== (tls.key === null))
    throw r.error(pair.value, p, 'cert_file and key_file must both be set, or neither');
  return tls;
}

function isNull(node: unknown): boolean {
  return (
    node === null ||
    node === undefined ||
    (typeof node === 'object' && 'value' in node && node.value === null)
  );
}
