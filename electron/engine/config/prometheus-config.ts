// Reads a Prometheus prometheus.yml: the global block, scrape_configs with static_configs, file_sd and http_sd, and
// relabel_configs / metric_relabel_configs (checked by ../relabel), and remote_write. Every error names the file, the line and the key; unknown keys are warnings, not
// errors, so a real Prometheus config (with rule_files, alerting, ...) still loads.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ZodType } from 'zod';
import {
  LineCounter,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
  type Pair,
} from 'yaml';
import { parseDuration } from '../../../shared/duration';
import { expandAliases, YamlAliasError } from './yaml-aliases';
import type { TcpStreamOptions } from '../../../shared/api';
import type { JsonMapping } from '../../../shared/json-mapping/json-mapping';
import { jsonMappingSchema, tcpStreamOptionsSchema } from '../../../shared/api-schemas';
import {
  DEFAULT_QUEUE,
  DEFAULT_REMOTE_TIMEOUT_MS,
  type RemoteWriteConfig,
} from '../remote-write/sender-config';
import { checkRelabelRule, RelabelRuleError, type RelabelFields } from '../relabel/check-rule';
import { readAlertingConfig, type AlertingConfig } from './alerting-config';
import { readAuthorization, readBasicAuth, readConfigFile, readScrapeTls } from './http-client-blocks';
import type { RelabelRule } from '../relabel/rule';
import {
  FILE_SD_DEFAULT_REFRESH_MS,
  FILE_SD_PATTERN,
  DNS_SD_DEFAULT_REFRESH_MS,
  HTTP_SD_DEFAULT_REFRESH_MS,
  type DnsSdConfig,
  type FileSdConfig,
  type HttpSdConfig,
} from '../discovery/sd-config';
import { expandFilePattern } from '../discovery/file-glob';

export interface ScrapeConfig {
  jobName: string;
  scrapeIntervalMs: number;
  scrapeTimeoutMs: number;
  metricsPath: string;
  scheme: 'http' | 'https';
  params: Record<string, string[]>;
  honorLabels: boolean;
  honorTimestamps: boolean;
  basicAuth: { username: string; password: string } | null;
  bearerToken: string | null;
  tls: { insecureSkipVerify: boolean; caFile: string | null };
  bodySizeLimitBytes: number;
  sampleLimit: number;
  /** Follow 3xx answers (Prometheus's follow_redirects, default true). */
  followRedirects: boolean;
  staticConfigs: { targets: string[]; labels: Record<string, string> }[];
  fileSdConfigs: FileSdConfig[];
  httpSdConfigs: HttpSdConfig[];
  dnsSdConfigs: DnsSdConfig[];
  /** relabel_configs: applied to each target's discovered labels. */
  relabelConfigs: RelabelRule[];
  /** metric_relabel_configs: applied to each scraped series before it is stored. */
  metricRelabelConfigs: RelabelRule[];
  /** Promdesk extension `promdesk_json`: the targets serve JSON, mapped to samples by this. */
  json: JsonMapping | null;
  /** Promdesk extension `promdesk_tcp_stream`: the targets are metrics-exporter-tcp servers. */
  tcpStream: TcpStreamOptions | null;
}

export interface PrometheusConfig {
  file: string;
  global: {
    scrapeIntervalMs: number;
    scrapeTimeoutMs: number;
    /** How often rule groups without their own interval run (default 1m). */
    evaluationIntervalMs: number;
    externalLabels: Record<string, string>;
  };
  /** rule_files patterns, relative ones joined to the config file's directory (as Prometheus does). */
  ruleFiles: string[];
  scrapeConfigs: ScrapeConfig[];
  remoteWrite: RemoteWriteConfig[];
  /** `otlp:` for POST /api/v1/otlp/v1/metrics (absent when the file has none). */
  otlp?: { promoteResourceAttributes: string[] };
  /** `alerting:` (absent when the file has none). */
  alerting?: AlertingConfig;
  warnings: string[];
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly key: string,
    detail: string,
  ) {
    super(`${file}:${line}: ${key}: ${detail}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_INTERVAL = 60_000;
const DEFAULT_TIMEOUT = 10_000;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const JOB_KEYS = new Set([
  'job_name',
  'scrape_interval',
  'scrape_timeout',
  'metrics_path',
  'scheme',
  'params',
  'honor_labels',
  'honor_timestamps',
  'basic_auth',
  'authorization',
  'bearer_token',
  'bearer_token_file',
  'tls_config',
  'follow_redirects',
  'static_configs',
  'file_sd_configs',
  'http_sd_configs',
  'dns_sd_configs',
  'relabel_configs',
  'metric_relabel_configs',
  'body_size_limit',
  'sample_limit',
]);
// Keys Prometheus knows but Promdesk does not act on (yet): warned about by name.
const KNOWN_UNSUPPORTED_TOP = new Set(['remote_read', 'storage', 'tracing', 'scrape_config_files']);

export function loadPrometheusConfig(file: string): PrometheusConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, 0, '(file)', `cannot read: ${(err as Error).message}`);
  }
  return parsePrometheusConfig(text, file);
}

/** YAML text as a document with its aliases expanded (bounded); a syntax error names its line. */
function parseYaml(text: string, file: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
    throw new ConfigError(file, line, '(yaml)', e.message.split('\n')[0]);
  }
  try {
    expandAliases(doc);
  } catch (err) {
    if (!(err instanceof YamlAliasError)) throw err;
    const range = (err.node as { range?: [number, number, number] } | null)?.range;
    throw new ConfigError(file, range ? lineCounter.linePos(range[0]).line : 0, '(yaml)', err.message);
  }
  return { doc, lineCounter };
}

export function parsePrometheusConfig(text: string, file: string): PrometheusConfig {
  const { doc, lineCounter } = parseYaml(text, file);
  const r = new Reader(file, lineCounter);
  const warnings: string[] = r.warnings;
  const root = doc.contents;
  const config: PrometheusConfig = {
    file,
    global: {
      scrapeIntervalMs: DEFAULT_INTERVAL,
      scrapeTimeoutMs: DEFAULT_TIMEOUT,
      evaluationIntervalMs: DEFAULT_INTERVAL,
      externalLabels: {},
    },
    ruleFiles: [],
    scrapeConfigs: [],
    remoteWrite: [],
    warnings,
  };
  if (root === null || (isScalar(root) && root.value === null)) return config;
  const top = r.map(root, '(top level)');

  let timeoutSet = false;
  const global = top.get('global');
  if (global) {
    const g = r.map(global.value, 'global');
    for (const [key, pair] of g) {
      const path = `global.${key}`;
      if (key === 'scrape_interval') config.global.scrapeIntervalMs = r.duration(pair, path);
      else if (key === 'scrape_timeout') {
        config.global.scrapeTimeoutMs = r.duration(pair, path);
        timeoutSet = true;
      } else if (key === 'external_labels') config.global.externalLabels = r.labels(pair.value, path);
      else if (key === 'evaluation_interval') config.global.evaluationIntervalMs = r.duration(pair, path);
      else if (key === 'query_log_file') r.warn(pair, path, 'not used by Promdesk');
      else r.warn(pair, path, 'unknown key, ignored');
    }
  }
  if (!timeoutSet && config.global.scrapeTimeoutMs > config.global.scrapeIntervalMs) {
    config.global.scrapeTimeoutMs = config.global.scrapeIntervalMs;
  }
  if (config.global.scrapeTimeoutMs > config.global.scrapeIntervalMs) {
    throw r.error(global?.value ?? root, 'global.scrape_timeout', 'is greater than global.scrape_interval');
  }

  for (const [key, pair] of top) {
    if (key === 'global' || key === 'scrape_configs') continue;
    if (key === 'remote_write') {
      config.remoteWrite = r.seq(pair.value, key).map((n, i) => readRemoteWrite(r, n, `remote_write[${i}]`));
      continue;
    }
    if (key === 'alerting') {
      config.alerting = readAlertingConfig(r, pair.value, {
        relabel: (n, p, what) => readRelabelConfigs(r, n, p, what),
        fileSd: (n, p) => readFileSd(r, n, p),
        httpSd: (n, p) => readHttpSd(r, n, p),
        dnsSd: (n, p) => readDnsSd(r, n, p),
      });
      continue;
    }
    if (key === 'otlp') {
      config.otlp = readOtlp(r, pair.value);
      continue;
    }
    if (key === 'rule_files') {
      config.ruleFiles = r.seq(pair.value, key).map((n, i) => readRuleFilePattern(r, n, `rule_files[${i}]`));
      continue;
    }
    r.warn(
      pair,
      key,
      KNOWN_UNSUPPORTED_TOP.has(key) ? 'not supported by Promdesk yet, ignored' : 'unknown key, ignored',
    );
  }

  const scs = top.get('scrape_configs');
  if (scs && !(isScalar(scs.value) && scs.value.value === null)) {
    const seen = new Set<string>();
    r.seq(scs.value, 'scrape_configs').forEach((node, i) => {
      const sc = readScrapeConfig(r, node, `scrape_configs[${i}]`, config.global);
      if (seen.has(sc.jobName)) {
        throw r.error(
          node,
          `scrape_configs[${i}].job_name`,
          `found multiple scrape configs with job name "${sc.jobName}"`,
        );
      }
      seen.add(sc.jobName);
      config.scrapeConfigs.push(sc);
    });
  }
  return config;
}

/** Prometheus's check: `*` only in the last path element; relative patterns joined to the config's folder. */
function readRuleFilePattern(r: Reader, node: Node | null, key: string): string {
  const pattern = r.scalarString(node, key);
  if (!/^[^*]*(\*[^/]*)?$/.test(pattern)) throw r.error(node, key, `invalid rule file path "${pattern}"`);
  return isAbsolute(pattern) ? pattern : join(dirname(r.file), pattern);
}

function readScrapeConfig(
  r: Reader,
  node: Node | null,
  base: string,
  global: PrometheusConfig['global'],
): ScrapeConfig {
  const m = r.map(node, base);
  const jobPair = m.get('job_name');
  if (!jobPair) throw r.error(node, `${base}.job_name`, 'is required');
  const jobName = r.string(jobPair, `${base}.job_name`);
  if (jobName === '') throw r.error(jobPair.value, `${base}.job_name`, 'must not be empty');
  const path = (k: string) => `scrape_configs[${jobName}].${k}`;
  /** Static targets that are not a plain host:port: [node, key, target]. */
  const badTargets: [Node | null, string, string][] = [];
  const sc: ScrapeConfig = {
    jobName,
    scrapeIntervalMs: global.scrapeIntervalMs,
    scrapeTimeoutMs: 0,
    metricsPath: '/metrics',
    scheme: 'http',
    params: {},
    honorLabels: false,
    honorTimestamps: true,
    basicAuth: null,
    bearerToken: null,
    tls: { insecureSkipVerify: false, caFile: null },
    bodySizeLimitBytes: 0,
    sampleLimit: 0,
    followRedirects: true,
    staticConfigs: [],
    fileSdConfigs: [],
    httpSdConfigs: [],
    dnsSdConfigs: [],
    relabelConfigs: [],
    metricRelabelConfigs: [],
    json: null,
    tcpStream: null,
  };
  for (const [key, pair] of m) {
    const p = path(key);
    switch (key) {
      case 'job_name':
        break;
      case 'scrape_interval':
        sc.scrapeIntervalMs = r.duration(pair, p);
        if (sc.scrapeIntervalMs <= 0) throw r.error(pair.value, p, 'must be greater than 0');
        break;
      case 'scrape_timeout':
        sc.scrapeTimeoutMs = r.duration(pair, p);
        break;
      case 'metrics_path':
        sc.metricsPath = r.string(pair, p);
        if (!sc.metricsPath.startsWith('/')) throw r.error(pair.value, p, 'must start with "/"');
        break;
      case 'scheme': {
        const s = r.string(pair, p);
        if (s !== 'http' && s !== 'https') throw r.error(pair.value, p, `must be http or https, not "${s}"`);
        sc.scheme = s;
        break;
      }
      case 'params':
        for (const [name, vp] of r.map(pair.value, p)) {
          sc.params[name] = r.seq(vp.value, `${p}.${name}`).map((n) => r.scalarString(n, `${p}.${name}`));
        }
        break;
      case 'honor_labels':
        sc.honorLabels = r.bool(pair, p);
        break;
      case 'honor_timestamps':
        sc.honorTimestamps = r.bool(pair, p);
        break;
      case 'follow_redirects':
        sc.followRedirects = r.bool(pair, p);
        break;
      case 'basic_auth':
        sc.basicAuth = readBasicAuth(r, pair, p);
        break;
      case 'authorization':
        sc.bearerToken = readAuthorization(r, pair, p, true).credentials;
        break;
      case 'bearer_token':
        sc.bearerToken = r.string(pair, p);
        break;
      case 'bearer_token_file':
        sc.bearerToken = readConfigFile(r, pair, p);
        break;
      case 'tls_config':
        sc.tls = readScrapeTls(r, pair, p);
        break;
      case 'body_size_limit':
        sc.bodySizeLimitBytes = r.bytes(pair, p);
        break;
      case 'sample_limit':
        sc.sampleLimit = r.int(pair, p);
        break;
      case 'static_configs':
        r.seq(pair.value, p).forEach((n, i) => {
          const s = r.map(n, `${p}[${i}]`);
          const targets: string[] = [];
          let labels: Record<string, string> = {};
          for (const [k, kp] of s) {
            if (k === 'targets') {
              for (const tn of r.seq(kp.value, `${p}[${i}].targets`)) {
                const t = r.scalarString(tn, `${p}[${i}].targets`);
                // Checked once relabel_configs are known: with rules, a URL is fine (blackbox).
                if (!/^[^\s/]+$/.test(t)) badTargets.push([tn, `${p}[${i}].targets`, t]);
                targets.push(t);
              }
            } else if (k === 'labels') labels = r.labels(kp.value, `${p}[${i}].labels`);
            else r.warn(kp, `${p}[${i}].${k}`, 'unknown key, ignored');
          }
          sc.staticConfigs.push({ targets, labels });
        });
        break;
      case 'file_sd_configs':
        sc.fileSdConfigs = r.seq(pair.value, p).map((n, i) => readFileSd(r, n, `${p}[${i}]`));
        break;
      case 'http_sd_configs':
        sc.httpSdConfigs = r.seq(pair.value, p).map((n, i) => readHttpSd(r, n, `${p}[${i}]`));
        break;
      case 'dns_sd_configs':
        sc.dnsSdConfigs = r.seq(pair.value, p).map((n, i) => readDnsSd(r, n, `${p}[${i}]`));
        break;
      case 'relabel_configs':
        sc.relabelConfigs = readRelabelConfigs(r, pair.value, p, 'target relabeling rule in scrape config');
        break;
      case 'metric_relabel_configs':
        sc.metricRelabelConfigs = readRelabelConfigs(
          r,
          pair.value,
          p,
          'metric relabeling rule in scrape config',
        );
        break;
      case 'promdesk_json':
        sc.json = r.schema(pair, p, jsonMappingSchema);
        break;
      case 'promdesk_tcp_stream':
        sc.tcpStream = r.schema(pair, p, tcpStreamOptionsSchema, { histogram: 'buckets' });
        break;
      default:
        r.warn(pair, p, JOB_KEYS.has(key) ? 'ignored' : 'not supported by Promdesk yet, ignored');
    }
  }
  if (sc.json && sc.tcpStream) {
    throw r.error(node, base, 'promdesk_json and promdesk_tcp_stream exclude each other');
  }
  // As Prometheus 2.42: a URL as a target is refused only in a job without relabel_configs.
  const [bad] = sc.relabelConfigs.length === 0 ? badTargets : badTargets.filter(([, , t]) => /\s/.test(t));
  if (bad) throw r.error(bad[0], bad[1], `"${bad[2]}" is not a valid host:port`);
  if (sc.scrapeTimeoutMs === 0) {
    sc.scrapeTimeoutMs = Math.min(global.scrapeTimeoutMs, sc.scrapeIntervalMs);
  } else if (sc.scrapeTimeoutMs > sc.scrapeIntervalMs) {
    throw r.error(
      m.get('scrape_timeout')?.value ?? node,
      path('scrape_timeout'),
      `scrape timeout greater than scrape interval for scrape config with job name "${jobName}"`,
    );
  }
  return sc;
}

function readFileSd(r: Reader, node: Node | null, base: string): FileSdConfig {
  const out: FileSdConfig = { files: [], refreshIntervalMs: FILE_SD_DEFAULT_REFRESH_MS };
  const dir = dirname(resolve(r.file));
  for (const [key, pair] of r.map(node, base)) {
    const p = `${base}.${key}`;
    if (key === 'files') {
      for (const n of r.seq(pair.value, p)) {
        const f = r.scalarString(n, p);
        if (!FILE_SD_PATTERN.test(f)) throw r.error(n, p, `path name "${f}" is not valid for file discovery`);
        const file = isAbsolute(f) ? f : resolve(dir, f);
        // As promtool: a warning, not an error; Prometheus runs on and reads the file once it is there.
        if (expandFilePattern(file).length === 0)
          r.warnAt(n, p, `file "${f}" does not exist; its targets come once it does`);
        out.files.push(file);
      }
    } else if (key === 'refresh_interval') out.refreshIntervalMs = r.duration(pair, p);
    else r.warn(pair, p, 'unknown key, ignored');
  }
  if (out.files.length === 0)
    throw r.error(node, `${base}.files`, 'file service discovery config must contain at least one path name');
  return out;
}

/** dns_sd_configs, checked as Prometheus 2.42 checks them (the type in any case, SRV by default). */
function readDnsSd(r: Reader, node: Node | null, base: string): DnsSdConfig {
  const out: DnsSdConfig = { names: [], type: 'SRV', port: 0, refreshIntervalMs: DNS_SD_DEFAULT_REFRESH_MS };
  for (const [key, pair] of r.map(node, base)) {
    const p = `${base}.${key}`;
    if (key === 'names') out.names = r.seq(pair.value, p).map((n) => r.scalarString(n, p));
    else if (key === 'type') {
      const type = r.string(pair, p);
      const upper = type.toUpperCase();
      if (upper !== 'SRV' && upper !== 'A' && upper !== 'AAAA' && upper !== 'MX')
        throw r.error(pair.value, p, `invalid DNS-SD records type ${type}`);
      out.type = upper;
    } else if (key === 'port') {
      out.port = r.int(pair, p);
      if (out.port > 65535) throw r.error(pair.value, p, 'a port must be at most 65535');
    } else if (key === 'refresh_interval') out.refreshIntervalMs = r.duration(pair, p);
    else r.warn(pair, p, 'unknown key, ignored');
  }
  if (out.names.length === 0)
    throw r.error(node, `${base}.names`, 'DNS-SD config must contain at least one SRV record name');
  if (out.type !== 'SRV' && out.port === 0)
    throw r.error(
      node,
      `${base}.port`,
      'a port is required in DNS-SD configs for all record types except SRV',
    );
  return out;
}

function readHttpSd(r: Reader, node: Node | null, base: string): HttpSdConfig {
  const m = r.map(node, base);
  const urlPair = m.get('url');
  if (!urlPair) throw r.error(node, `${base}.url`, 'URL is missing');
  const url = r.string(urlPair, `${base}.url`);
  let parsed: URL | null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw r.error(urlPair.value, `${base}.url`, `URL scheme must be 'http' or 'https': "${url}"`);
  if (parsed.host === '') throw r.error(urlPair.value, `${base}.url`, 'host is missing in URL');
  const out: HttpSdConfig = {
    url,
    refreshIntervalMs: HTTP_SD_DEFAULT_REFRESH_MS,
    basicAuth: null,
    bearerToken: null,
    tls: { insecureSkipVerify: false, caFile: null },
  };
  for (const [key, pair] of m) {
    const p = `${base}.${key}`;
    if (key === 'url') continue;
    if (key === 'refresh_interval') out.refreshIntervalMs = r.duration(pair, p);
    else if (key === 'basic_auth') out.basicAuth = readBasicAuth(r, pair, p);
    else if (key === 'authorization') out.bearerToken = readAuthorization(r, pair, p, true).credentials;
    else if (key === 'tls_config') out.tls = readScrapeTls(r, pair, p);
    else r.warn(pair, p, 'not supported by Promdesk yet, ignored');
  }
  if (out.basicAuth && out.bearerToken !== null)
    throw r.error(node, base, 'at most one of basic_auth and authorization must be configured');
  return out;
}

function readRemoteWrite(r: Reader, node: Node | null, base: string): RemoteWriteConfig {
  const m = r.map(node, base);
  const urlPair = m.get('url');
  if (!urlPair) throw r.error(node, `${base}.url`, 'is required');
  const url = r.string(urlPair, `${base}.url`);
  if (!/^https?:\/\/[^/]/.test(url))
    throw r.error(urlPair.value, `${base}.url`, `"${url}" is not an http(s) URL`);
  const rw: RemoteWriteConfig = {
    url,
    name: null,
    remoteTimeoutMs: DEFAULT_REMOTE_TIMEOUT_MS,
    basicAuth: null,
    bearerToken: null,
    writeRelabel: [],
    queue: { ...DEFAULT_QUEUE },
  };
  for (const [key, pair] of m) {
    const p = `${base}.${key}`;
    if (key === 'url') continue;
    else if (key === 'name') rw.name = r.string(pair, p);
    else if (key === 'remote_timeout') rw.remoteTimeoutMs = r.duration(pair, p);
    else if (key === 'basic_auth') rw.basicAuth = readBasicAuth(r, pair, p);
    else if (key === 'authorization') rw.bearerToken = readAuthorization(r, pair, p, true).credentials;
    else if (key === 'bearer_token') rw.bearerToken = r.string(pair, p);
    else if (key === 'bearer_token_file') rw.bearerToken = readConfigFile(r, pair, p);
    else if (key === 'write_relabel_configs')
      rw.writeRelabel = readRelabelConfigs(r, pair.value, p, 'relabeling rule in remote write config');
    else if (key === 'queue_config') readQueueConfig(r, pair.value, p, rw.queue);
    else r.warn(pair, p, 'unknown key, ignored');
  }
  if (rw.basicAuth && rw.bearerToken)
    throw r.error(node, base, 'at most one of basic_auth and authorization');
  return rw;
}

/** `otlp:`: promote_resource_attributes (each once, not empty, as Prometheus checks); the rest warned about. */
function readOtlp(r: Reader, node: Node | null): { promoteResourceAttributes: string[] } {
  const out: { promoteResourceAttributes: string[] } = { promoteResourceAttributes: [] };
  if (node === null || (isScalar(node) && node.value === null)) return out;
  for (const [key, pair] of r.map(node, 'otlp')) {
    const path = `otlp.${key}`;
    if (key !== 'promote_resource_attributes') {
      r.warn(pair, path, 'not supported by Promdesk, ignored');
      continue;
    }
    r.seq(pair.value, path).forEach((n, i) => {
      const attr = r.scalarString(n, `${path}[${i}]`).trim();
      if (attr === '') throw r.error(n, `${path}[${i}]`, 'empty promoted OTel resource attribute');
      if (out.promoteResourceAttributes.includes(attr))
        throw r.error(n, `${path}[${i}]`, `duplicated promoted OTel resource attribute "${attr}"`);
      out.promoteResourceAttributes.push(attr);
    });
  }
  return out;
}

/**
 * A list of relabel rules (relabel_configs, metric_relabel_configs, write_relabel_configs) with
 * Prometheus 2.42's checks; an error names the rule's key and line. `what` words a null entry.
 */
function readRelabelConfigs(r: Reader, node: Node | null, base: string, what: string): RelabelRule[] {
  return r.seq(node, base).map((n, i) => {
    const p = `${base}[${i}]`;
    if (n === null || (isScalar(n) && n.value === null)) throw r.error(n ?? node, p, `empty or null ${what}`);
    const m = r.map(n, p);
    const f: RelabelFields = {};
    for (const [key, pair] of m) {
      const k = `${p}.${key}`;
      if (key === 'source_labels') f.source_labels = r.seq(pair.value, k).map((s) => r.rawString(s, k));
      else if (key === 'regex')
        f.regex = isScalar(pair.value) && pair.value.value === null ? null : r.rawString(pair.value, k);
      else if (key === 'modulus') f.modulus = r.uint64(pair, k);
      else if (key === 'action' || key === 'separator' || key === 'target_label' || key === 'replacement')
        f[key] = r.rawString(pair.value, k);
      else throw r.error(pair.key, k, `field ${key} not found in type relabel.plain`);
    }
    try {
      return checkRelabelRule(f);
    } catch (err) {
      if (!(err instanceof RelabelRuleError)) throw err;
      const at = err.field === null ? undefined : m.get(err.field);
      throw r.error(at?.value ?? n, err.field === null ? p : `${p}.${err.field}`, err.message);
    }
  });
}

/**
 * A YAML list of relabel_configs on its own (typed in the relabel debugger, or a UI target's rules),
 * checked as in a config file; a ConfigError's file is `source` and its key `[i].field`.
 */
export function parseRelabelConfigs(text: string, source: string): RelabelRule[] {
  const { doc, lineCounter } = parseYaml(text, source);
  if (doc.contents === null) return [];
  const r = new Reader(source, lineCounter);
  return readRelabelConfigs(r, doc.contents, '', 'relabeling rule');
}

function readQueueConfig(r: Reader, node: Node | null, base: string, q: RemoteWriteConfig['queue']): void {
  for (const [key, pair] of r.map(node, base)) {
    const p = `${base}.${key}`;
    if (key === 'capacity') q.capacity = r.int(pair, p);
    else if (key === 'max_shards') q.maxShards = Math.max(1, r.int(pair, p));
    else if (key === 'max_samples_per_send') q.maxSamplesPerSend = Math.max(1, r.int(pair, p));
    else if (key === 'batch_send_deadline') q.batchSendDeadlineMs = r.duration(pair, p);
    else if (key === 'min_backoff') q.minBackoffMs = r.duration(pair, p);
    else if (key === 'max_backoff') q.maxBackoffMs = r.duration(pair, p);
    else if (key === 'promdesk_max_age') q.maxAgeMs = r.duration(pair, p);
    else if (key === 'promdesk_max_bytes') q.maxBytes = r.bytes(pair, p);
    else if (key === 'min_shards') q.minShards = Math.max(1, r.int(pair, p));
    else if (key === 'retry_on_http_429') q.retryOnHttp429 = r.bool(pair, p);
    else r.warn(pair, p, 'unknown key, ignored');
  }
  if (q.maxBackoffMs < q.minBackoffMs) q.maxBackoffMs = q.minBackoffMs;
  if (q.minShards > q.maxShards) q.minShards = q.maxShards;
}

/** Typed access to YAML nodes that turns every mismatch into a ConfigError with a line. */
class Reader {
  readonly warnings: string[] = [];
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  line(node: unknown): number {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? this.lines.linePos(range[0]).line : 0;
  }

  error(node: unknown, key: string, detail: string): ConfigError {
    return new ConfigError(this.file, this.line(node), key, detail);
  }

  warn(pair: Pair, key: string, detail: string): void {
    this.warnAt(pair.key, key, detail);
  }

  warnAt(node: unknown, key: string, detail: string): void {
    this.warnings.push(`${this.file}:${this.line(node)}: ${key}: ${detail}`);
  }

  map(node: unknown, key: string): Map<string, Pair<Node, Node>> {
    if (!isMap(node)) throw this.error(node, key, 'expected a mapping');
    const out = new Map<string, Pair<Node, Node>>();
    for (const item of node.items as Pair<Node, Node>[]) {
      if (!isScalar(item.key)) throw this.error(item.key, key, 'keys must be plain strings');
      out.set(String(item.key.value), item);
    }
    return out;
  }

  seq(node: unknown, key: string): (Node | null)[] {
    if (isScalar(node) && node.value === null) return [];
    if (!isSeq(node)) throw this.error(node, key, 'expected a list');
    return node.items as (Node | null)[];
  }

  scalarString(node: unknown, key: string): string {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') {
      throw this.error(node, key, 'expected a string');
    }
    return String(node.value);
  }

  /** A scalar as Go's YAML reads it into a string: plain scalars as written (1.0 stays "1.0"). */
  rawString(node: unknown, key: string): string {
    if (isScalar(node) && node.value === null) return '';
    const value = this.scalarString(node, key);
    const n = node as { type?: string; source?: unknown };
    return n.type === 'PLAIN' && typeof n.source === 'string' ? n.source : value;
  }

  /** An unsigned 64-bit integer, exact (read from the text, not a float). */
  uint64(pair: Pair<Node, Node>, key: string): bigint {
    const text = this.rawString(pair.value, key);
    if (text === '') return 0n; // null, as Go's YAML reads it
    if (!/^[0-9]+$/.test(text) || BigInt(text) >= 1n << 64n)
      throw this.error(pair.value ?? pair.key, key, `expected an unsigned 64-bit integer, not "${text}"`);
    return BigInt(text);
  }

  string(pair: Pair<Node, Node>, key: string): string {
    return this.scalarString(pair.value, key);
  }

  bool(pair: Pair<Node, Node>, key: string): boolean {
    const n = pair.value;
    if (!isScalar(n) || typeof n.value !== 'boolean')
      throw this.error(n ?? pair.key, key, 'expected true or false');
    return n.value;
  }

  int(pair: Pair<Node, Node>, key: string): number {
    const n = pair.value;
    if (!isScalar(n) || typeof n.value !== 'number' || !Number.isInteger(n.value) || n.value < 0) {
      throw this.error(n ?? pair.key, key, 'expected a non-negative integer');
    }
    return n.value;
  }

  duration(pair: Pair<Node, Node>, key: string): number {
    const text = this.scalarString(pair.value, key);
    const ms = parseDuration(text);
    if (ms === null) throw this.error(pair.value, key, `not a valid duration string: "${text}"`);
    return ms;
  }

  bytes(pair: Pair<Node, Node>, key: string): number {
    const text = this.scalarString(pair.value, key);
    const m = /^(\d+)\s*(B|KB|KiB|MB|MiB|GB|GiB)?$/i.exec(text.trim());
    if (!m) throw this.error(pair.value, key, `not a valid size: "${text}" (e.g. 10MB)`);
    const unit = (m[2] ?? 'B').toUpperCase();
    const mult: Record<string, number> = {
      B: 1,
      KB: 1024,
      KIB: 1024,
      MB: 1 << 20,
      MIB: 1 << 20,
      GB: 1 << 30,
      GIB: 1 << 30,
    };
    return Number(m[1]) * mult[unit];
  }

  labels(node: unknown, key: string): Record<string, string> {
    const out: Record<string, string> = {};
    if (isScalar(node) && node.value === null) return out;
    for (const [name, pair] of this.map(node, key)) {
      if (!LABEL_NAME.test(name))
        throw this.error(pair.key, `${key}.${name}`, `"${name}" is not a valid label name`);
      out[name] = this.scalarString(pair.value, `${key}.${name}`);
    }
    return out;
  }

  /** A block checked by a zod schema (Promdesk's extensions); `defaults` fill missing keys. */
  schema<T>(pair: Pair<Node, Node>, key: string, schema: ZodType<T>, defaults: Partial<T> = {}): T {
    const raw: unknown =
      pair.value && !(isScalar(pair.value) && pair.value.value === null) ? pair.value.toJSON() : {};
    const value = isPlainObject(raw) ? { ...defaults, ...raw } : raw;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.length > 0 ? `${key}.${issue.path.join('.')}` : key;
      throw this.error(pair.value ?? pair.key, where, issue.message);
    }
    return parsed.data;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
