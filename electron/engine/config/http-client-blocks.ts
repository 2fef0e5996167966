// The HTTP client blocks that scrape configs, http_sd_configs, remote_write and alertmanagers
// share in prometheus.yml (Prometheus's common HTTPClientConfig): basic_auth, authorization and
// the files they name. Read once here, so every section checks them alike and reads files
// relative to the config file's folder, as Prometheus's SetDirectory does.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Node, Pair } from 'yaml';

/** What these readers need of prometheus-config.ts's YAML reader (structural: no import cycle). */
export interface YamlSectionReader {
  readonly file: string;
  map(node: unknown, key: string): Map<string, Pair<Node, Node>>;
  seq(node: unknown, key: string): (Node | null)[];
  scalarString(node: unknown, key: string): string;
  string(pair: Pair<Node, Node>, key: string): string;
  bool(pair: Pair<Node, Node>, key: string): boolean;
  duration(pair: Pair<Node, Node>, key: string): number;
  labels(node: unknown, key: string): Record<string, string>;
  warn(pair: Pair, key: string, detail: string): void;
  error(node: unknown, key: string, detail: string): Error;
}

export interface BasicAuth {
  username: string;
  password: string;
}

function warnUnknown(r: YamlSectionReader, block: Map<string, Pair<Node, Node>>, p: string, known: string[]) {
  for (const [k, kp] of block) if (!known.includes(k)) r.warn(kp, `${p}.${k}`, 'unknown key, ignored');
}

/** basic_auth: username, and password or password_file (not both). */
export function readBasicAuth(r: YamlSectionReader, pair: Pair<Node, Node>, p: string): BasicAuth {
  const ba = r.map(pair.value, p);
  warnUnknown(r, ba, p, ['username', 'password', 'password_file']);
  const user = ba.get('username');
  const pw = ba.get('password');
  const pwFile = ba.get('password_file');
  if (pw && pwFile)
    throw r.error(pair.value, p, 'at most one of basic_auth password & password_file must be configured');
  return {
    username: user ? r.string(user, `${p}.username`) : '',
    password: pw
      ? r.string(pw, `${p}.password`)
      : pwFile
        ? readConfigFile(r, pwFile, `${p}.password_file`)
        : '',
  };
}

/**
 * authorization: type (Bearer unless given; never Basic), and credentials or credentials_file
 * (not both). `bearerOnly`: the section can send nothing but a Bearer token (scrapes, remote
 * write), so another type is refused where it is written.
 */
export function readAuthorization(
  r: YamlSectionReader,
  pair: Pair<Node, Node>,
  p: string,
  bearerOnly = false,
): { type: string; credentials: string | null } {
  const a = r.map(pair.value, p);
  warnUnknown(r, a, p, ['type', 'credentials', 'credentials_file']);
  const typePair = a.get('type');
  const written = typePair ? r.string(typePair, `${p}.type`) : '';
  const type = written === '' ? 'Bearer' : written;
  if (type.toLowerCase() === 'basic')
    throw r.error(
      typePair?.value,
      `${p}.type`,
      `authorization type cannot be set to "basic", use "basic_auth" instead`,
    );
  if (bearerOnly && type.toLowerCase() !== 'bearer')
    throw r.error(typePair?.value, `${p}.type`, 'only the Bearer type is supported');
  const cred = a.get('credentials');
  const credFile = a.get('credentials_file');
  if (cred && credFile)
    throw r.error(
      pair.value,
      p,
      'at most one of authorization credentials & credentials_file must be configured',
    );
  const credentials = cred
    ? r.string(cred, `${p}.credentials`)
    : credFile
      ? readConfigFile(r, credFile, `${p}.credentials_file`)
      : null;
  return { type, credentials };
}

/** A path named in the config, made absolute against the config file's folder. */
export function configPath(r: YamlSectionReader, pair: Pair<Node, Node>, key: string): string {
  const name = r.string(pair, key);
  return isAbsolute(name) ? name : resolve(dirname(resolve(r.file)), name);
}

/** The text of a file named in the config (a password, a token, a PEM), read at load. */
export function readConfigFile(r: YamlSectionReader, pair: Pair<Node, Node>, key: string): string {
  const name = r.string(pair, key);
  try {
    return readFileSync(configPath(r, pair, key), 'utf8').trim();
  } catch (err) {
    throw r.error(pair.value, key, `cannot read "${name}": ${(err as Error).message}`);
  }
}

/** tls_config as scrapes and http_sd use it: insecure_skip_verify and ca_file (as a path). */
export function readScrapeTls(
  r: YamlSectionReader,
  pair: Pair<Node, Node>,
  p: string,
): { insecureSkipVerify: boolean; caFile: string | null } {
  const tls = { insecureSkipVerify: false, caFile: null as string | null };
  for (const [k, kp] of r.map(pair.value, p)) {
    if (k === 'insecure_skip_verify') tls.insecureSkipVerify = r.bool(kp, `${p}.${k}`);
    else if (k === 'ca_file') tls.caFile = configPath(r, kp, `${p}.${k}`);
    else r.warn(kp, `${p}.${k}`, 'not supported by Promdesk yet, ignored');
  }
  return tls;
}
