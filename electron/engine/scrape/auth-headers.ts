// The Authorization header for a target's auth settings.
import type { Auth } from '../../../shared/api';

export function authHeaders(auth: Auth): Record<string, string> {
  if (auth.type === 'basic') {
    return { Authorization: 'Basic ' + Buffer.from(`${auth.username}:${auth.password}`).toString('base64') };
  }
  if (auth.type === 'bearer') return { Authorization: `Bearer ${auth.token}` };
  return {};
}
