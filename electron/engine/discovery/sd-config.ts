// What a scrape_config's service discovery blocks say, as read from prometheus.yml.

/** file_sd_configs: target-group files (JSON or YAML), a wildcard allowed in the file name. */
export interface FileSdConfig {
  /** Absolute patterns (relative ones are resolved against the config file's folder). */
  files: string[];
  refreshIntervalMs: number;
}

/** http_sd_configs: an endpoint answering Prometheus's JSON target-group list. */
export interface HttpSdConfig {
  url: string;
  refreshIntervalMs: number;
  basicAuth: { username: string; password: string } | null;
  bearerToken: string | null;
  tls: { insecureSkipVerify: boolean; caFile: string | null };
}

/** dns_sd_configs: targets from DNS records (SRV: host and port; A/AAAA/MX: with `port`). */
export interface DnsSdConfig {
  names: string[];
  type: DnsSdType;
  /** Required for A, AAAA and MX; SRV records carry their own. */
  port: number;
  refreshIntervalMs: number;
}

export type DnsSdType = 'SRV' | 'A' | 'AAAA' | 'MX';

export const FILE_SD_DEFAULT_REFRESH_MS = 5 * 60_000;
export const HTTP_SD_DEFAULT_REFRESH_MS = 60_000;
export const DNS_SD_DEFAULT_REFRESH_MS = 30_000;

/** As Prometheus 2.42: a wildcard only in the last path element, and a .json/.yml/.yaml name. */
export const FILE_SD_PATTERN = /^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$/;
