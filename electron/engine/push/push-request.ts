// A Pushgateway-style push as the HTTP thread forwards it, and its grouping key parsed from the
// path: /metrics/job/<job>{/<label>/<value>}, where a name ending in @base64 means its value is
// base64url-encoded (padding optional; a single "=" is the empty value), as the Pushgateway does.
import type { LabelSet } from '../../../shared/api';

/** Push paths: /metrics/job/<job>... or /metrics/job@base64/<job>... */
export const PUSH_PATH_PREFIX = '/metrics/job';
export const PUSH_MAX_BYTES = 16 * 1024 * 1024;

export interface PushRequest {
  method: string;
  /** The URL path, still percent-encoded. */
  path: string;
  contentType: string | null;
  body: Uint8Array;
}

export interface PushReply {
  status: number;
  message: string;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** The grouping labels of a push path, or an error message. */
export function parseGroupingKey(path: string): LabelSet | string {
  const segs = path.startsWith('/metrics/') ? path.slice('/metrics/'.length).split('/') : [];
  if (segs[0] !== 'job' && segs[0] !== 'job@base64')
    return `push path must start with /metrics/job/<job>, not ${path}`;
  if (segs.length % 2 !== 0) return `push path ${path}: label "${segs[segs.length - 1]}" has no value`;
  const out: LabelSet = {};
  for (let i = 0; i < segs.length; i += 2) {
    let name: string;
    let raw: string;
    try {
      name = decodeURIComponent(segs[i]);
      raw = decodeURIComponent(segs[i + 1]);
    } catch {
      return `push path ${path}: invalid percent-encoding`;
    }
    let value = raw;
    if (raw === '' && !name.endsWith('@base64'))
      return `push path: empty value for label "${name}" (write ${name}@base64/= for an empty value)`;
    if (name.endsWith('@base64')) {
      name = name.slice(0, -'@base64'.length);
      if (!BASE64URL.test(raw)) return `push path: value of "${name}@base64" is not base64url: "${raw}"`;
      const buf = Buffer.from(raw.replace(/=+$/, ''), 'base64url');
      value = new TextDecoder('utf-8', { fatal: false }).decode(buf);
      if (raw !== '=' && Buffer.from(value, 'utf8').toString('base64url') !== raw.replace(/=+$/, ''))
        return `push path: value of "${name}@base64" is not valid base64url-encoded UTF-8: "${raw}"`;
    }
    if (i === 0 && value === '') return 'push path: the job name must not be empty';
    if (!LABEL_NAME.test(name)) return `push path: invalid label name "${name}"`;
    if (name.startsWith('__')) return `push path: label name "${name}" is reserved`;
    if (name in out) return `push path: label "${name}" appears twice`;
    out[name] = value;
  }
  return out;
}
