// A datasource as the engine keeps it (with its secrets), what the renderer sees of it (without),
// and how an edit that leaves a secret empty keeps the stored one.
import type { Auth, DatasourceAuthView, DatasourceInput, DatasourceView } from '../../../shared/api';

export interface DatasourceSpec {
  id: string;
  name: string;
  /** Base URL without trailing slashes. */
  url: string;
  auth: Auth;
  tlsInsecureSkipVerify: boolean;
  timeoutMs: number;
}

export function authView(auth: Auth): DatasourceAuthView {
  switch (auth.type) {
    case 'none':
      return { type: 'none' };
    case 'basic':
      return { type: 'basic', username: auth.username, hasPassword: auth.password !== '' };
    case 'bearer':
      return { type: 'bearer', hasToken: auth.token !== '' };
  }
}

export function viewOf(spec: DatasourceSpec): DatasourceView {
  return {
    id: spec.id,
    name: spec.name,
    url: spec.url,
    auth: authView(spec.auth),
    tlsInsecureSkipVerify: spec.tlsInsecureSkipVerify,
    timeoutMs: spec.timeoutMs,
  };
}

/** The auth to store: an empty password or token keeps the previous one of the same kind. */
export function mergeAuth(next: Auth, previous: Auth | undefined): Auth {
  if (next.type === 'basic' && next.password === '' && previous?.type === 'basic')
    return { ...next, password: previous.password };
  if (next.type === 'bearer' && next.token === '' && previous?.type === 'bearer')
    return { type: 'bearer', token: previous.token };
  return next;
}

/**
 * The spec to store or test. A stored secret is only reused for the same origin, so an edit (or
 * a test) cannot send it to another host without the user typing it again.
 */
export function specOf(id: string, input: DatasourceInput, previous?: DatasourceSpec): DatasourceSpec {
  const url = input.url.trim().replace(/\/+$/, '');
  const sameOrigin = previous !== undefined && originOf(previous.url) === originOf(url);
  return {
    id,
    name: input.name.trim(),
    url,
    auth: mergeAuth(input.auth, sameOrigin ? previous.auth : undefined),
    tlsInsecureSkipVerify: input.tlsInsecureSkipVerify,
    timeoutMs: input.timeoutMs,
  };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
