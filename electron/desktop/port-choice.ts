// When the HTTP API's port is taken (most often by `promdesk serve` on the same default port), the
// app says so and offers the next port that is free on the same address. Plain Node (net).
import { createServer } from 'node:net';
import { parseHostPort } from '../../shared/settings';

/** True when something can listen on host:port right now. */
export function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** The `listen` setting with the first free port after the taken one (up to `tries` ports on), or null. */
export async function nextFreeListen(listen: string, tries = 20): Promise<string | null> {
  const hp = parseHostPort(listen);
  if (!hp) return null;
  for (let port = hp.port + 1; port <= Math.min(65535, hp.port + tries); port++)
    if (await portFree(hp.host, port)) return formatListen(hp.host, port);
  return null;
}

export function formatListen(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The question the app asks when the port is taken: message, detail and the buttons' labels. */
export function portInUseQuestion(error: string, suggestion: string | null) {
  return {
    message: 'The HTTP API could not start',
    detail:
      `${error}.\n\nThe app works without it, but Grafana, promtool and scripts cannot reach it.` +
      (suggestion ? ` ${suggestion} is free.` : ' No free port was found nearby; choose one in Settings.'),
    buttons: suggestion ? [`Use ${suggestion}`, 'Not Now'] : ['OK'],
    /** The `listen` value the first button sets, if any. */
    suggestion,
  };
}
