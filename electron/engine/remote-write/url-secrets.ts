// Credentials in a remote's URL (http://user:pass@host/...): masked wherever the URL is shown (the
// UI, /metrics labels), as Prometheus's url label does (Go's URL.Redacted), and sent as basic auth
// rather than in the URL, as Go's HTTP client does (fetch refuses URLs with credentials).

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = 'xxxxx';
    return u.toString();
  } catch {
    return url;
  }
}

/** The URL without its userinfo, and the userinfo (decoded) when it had one. */
export function splitCredentials(url: string): {
  url: string;
  basicAuth: { username: string; password: string } | null;
} {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return { url, basicAuth: null };
    const basicAuth = { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
    u.username = '';
    u.password = '';
    return { url: u.toString(), basicAuth };
  } catch {
    return { url, basicAuth: null };
  }
}
