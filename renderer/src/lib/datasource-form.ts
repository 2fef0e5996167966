// The datasource editor's state and its conversion to a DatasourceInput. Secrets start empty:
// the engine never sends them, and an empty one on save keeps what it has stored.
import type { DatasourceInput, DatasourceView } from '../../../shared/api';
import { defaultDatasourceInput } from '../../../shared/api';

export interface DatasourceFormState {
  id?: string;
  name: string;
  url: string;
  authType: 'none' | 'basic' | 'bearer';
  username: string;
  password: string;
  token: string;
  /** Whether the engine holds a password/token already (edit of a saved datasource). */
  hasSecret: boolean;
  tlsInsecureSkipVerify: boolean;
  /** Seconds, as typed. */
  timeout: string;
}

export function formFromView(v?: DatasourceView): DatasourceFormState {
  const base = v ?? { ...defaultDatasourceInput, id: undefined, auth: { type: 'none' as const } };
  return {
    id: v?.id,
    name: base.name,
    url: base.url,
    authType: base.auth.type,
    username: base.auth.type === 'basic' ? base.auth.username : '',
    password: '',
    token: '',
    hasSecret:
      (base.auth.type === 'basic' && base.auth.hasPassword) ||
      (base.auth.type === 'bearer' && base.auth.hasToken),
    tlsInsecureSkipVerify: base.tlsInsecureSkipVerify,
    timeout: String(base.timeoutMs / 1000),
  };
}

export function inputFromForm(f: DatasourceFormState): { input: DatasourceInput } | { errors: string[] } {
  const errors: string[] = [];
  const name = f.name.trim();
  const url = f.url.trim();
  if (!name) errors.push('Name: give the datasource a name');
  if (!/^https?:\/\/[^/\s]+/.test(url)) errors.push('URL: must be an http:// or https:// URL');
  const seconds = Number(f.timeout.trim().replace(/s$/, ''));
  if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 600)
    errors.push('Timeout: a number of seconds between 0.1 and 600');
  if (f.authType === 'basic' && !f.username.trim()) errors.push('Username: needed for basic auth');
  if (errors.length) return { errors };
  const auth: DatasourceInput['auth'] =
    f.authType === 'basic'
      ? { type: 'basic', username: f.username.trim(), password: f.password }
      : f.authType === 'bearer'
        ? { type: 'bearer', token: f.token }
        : { type: 'none' };
  return {
    input: {
      ...(f.id ? { id: f.id } : {}),
      name,
      url,
      auth,
      tlsInsecureSkipVerify: f.tlsInsecureSkipVerify,
      timeoutMs: Math.round(seconds * 1000),
    },
  };
}

/** What the Auth column shows. */
export function authSummary(v: DatasourceView): string {
  switch (v.auth.type) {
    case 'none':
      return 'none';
    case 'basic':
      return `basic (${v.auth.username})`;
    case 'bearer':
      return 'bearer token';
  }
}
