// One POST of a JSON body to an Alertmanager, as Prometheus's sendOne: any 2xx is success, other
// statuses and transport errors are failures. The timeout covers the whole exchange (an
// Alertmanager that accepts the connection and never answers is cut off), and close() aborts it.
import http from 'node:http';
import https from 'node:https';
import type { AlertmanagerConfig } from '../../config/alerting-config';
import { VERSION } from '../../version';

export class PostError extends Error {
  override name = 'PostError';
  constructor(
    message: string,
    /** A 5xx, 429, timeout or transport error: the same batch may be accepted later. */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export function postAlerts(
  url: string,
  body: string,
  cfg: AlertmanagerConfig,
  signal: AbortSignal,
): Promise<void> {
  const u = new URL(url);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': `Promdesk/${VERSION}`,
    'Content-Length': String(Buffer.byteLength(body)),
  };
  if (cfg.basicAuth) {
    const { username, password } = cfg.basicAuth;
    headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  } else if (cfg.authorization) {
    headers.Authorization = `${cfg.authorization.type} ${cfg.authorization.credentials}`;
  }
  const tls = cfg.tls;
  const options: https.RequestOptions = {
    method: 'POST',
    headers,
    signal,
    rejectUnauthorized: !tls.insecureSkipVerify,
    ...(tls.ca !== null ? { ca: tls.ca } : {}),
    ...(tls.cert !== null && tls.key !== null ? { cert: tls.cert, key: tls.key } : {}),
    ...(tls.serverName !== null ? { servername: tls.serverName } : {}),
  };
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const done = (err: PostError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const req = (u.protocol === 'https:' ? https : http).request(u, options, (res) => {
      res.resume();
      res.on('error', (e) => done(new PostError(e.message, true)));
      res.on('end', () => {
        const code = res.statusCode ?? 0;
        if (Math.floor(code / 100) === 2) done(null);
        else
          done(
            new PostError(
              `bad response status ${code} ${res.statusMessage ?? ''}`.trim(),
              code >= 500 || code === 429,
            ),
          );
      });
    });
    const timer = setTimeout(() => {
      done(new PostError(`no answer within the timeout (${cfg.timeoutMs / 1000} s)`, true));
      req.destroy();
    }, cfg.timeoutMs);
    req.on('error', (e) => done(new PostError(signal.aborted ? 'aborted' : e.message, !signal.aborted)));
    req.end(body);
  });
}
