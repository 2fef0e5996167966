// `promdesk serve` started in this process (engine in its worker thread) on a free loopback port
// with a fresh data directory, handed to `fn`, then stopped and removed whatever `fn` does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServe, type RunningServe, type ServeOptions } from '../../electron/serve';
import { tempDir } from './tmp';

export interface InProcessServeOptions extends Partial<Omit<ServeOptions, 'rendererDir'>> {
  /** Serve this page as the UI's index.html instead of the built dist/renderer. */
  uiHtml?: string;
}

export async function withServe(
  opts: InProcessServeOptions,
  fn: (base: string, s: RunningServe) => Promise<void>,
): Promise<void> {
  const dir = tempDir('promdesk-serve-');
  const { uiHtml, ...rest } = opts;
  let rendererDir = join(process.cwd(), 'dist', 'renderer');
  if (uiHtml !== undefined) {
    rendererDir = join(dir.path, 'ui');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), uiHtml);
  }
  let s: RunningServe | null = null;
  try {
    s = await startServe({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(dir.path, 'data'),
      configFile: null,
      token: null,
      ...rest,
      rendererDir,
    });
    await fn(`http://127.0.0.1:${s.port}`, s);
  } finally {
    await s?.stop();
    dir.remove();
  }
}
