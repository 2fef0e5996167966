// The contract between the desktop's main process (electron/main.ts) and its engine host
// (electron/engine-host.ts in a utilityProcess; the logic is desktop-host.ts). Both sides run one
// RpcPeer (shared/rpc) over Electron's parentPort / UtilityProcess: main calls the methods below,
// the host emits the events below with a topic. Types only (and constant names): no Electron, no
// Node, so main, the host and tests all import it.
import type { ApiEvent, ApiMethod } from '../../shared/api';

/** Targets' health, scraping, the HTTP API and the data dir, for the tray and the window. */
export interface HostStatus {
  targetsUp: number;
  targetsDown: number;
  targetsUnknown: number;
  scrapingPaused: boolean;
  /**
   * The loopback Prometheus API: its base URL while listening; the error (and the port it
   * wanted) when it could not listen, e.g. "127.0.0.1:9099 is in use (is `promdesk serve`
   * running?)"; null when turned off (setting `http` false).
   */
  http: { url: string } | { error: string; port: number } | null;
  dataDir: string;
}

/** Why the host could not start: shown by the window as a page; the host then exits with 1. */
export interface StartupFailure {
  /** The error's class, e.g. 'DataDirLockedError', 'ConfigError', 'SettingsError', 'OptionsError'. */
  name: string;
  /** A heading, e.g. 'The data directory is in use'. */
  title: string;
  /** What is wrong, e.g. 'the data directory /x is in use by `promdesk serve`, pid 1234'. */
  message: string;
  /** What to do about it, e.g. 'Stop that process, or start Promdesk with --data DIR.' */
  hint: string;
}

/** Methods main calls on the host: [params, result]. */
export interface HostMethods {
  /** One Api call for one window; the host keeps one Api session per windowId. */
  api: [params: [windowId: number, method: ApiMethod, params: unknown[]], result: unknown];
  /** Closes that window's session (its subscriptions end). */
  closeWindow: [params: [windowId: number], result: void];
  status: [params: [], result: HostStatus];
  setScrapingPaused: [params: [paused: boolean], result: HostStatus];
  /** Resolves after the store is closed; main waits with a bound (HOST_SHUTDOWN_BOUND_MS), then kills. */
  shutdown: [params: [], result: void];
}
export type HostMethod = keyof HostMethods;
export type HostParams<M extends HostMethod> = HostMethods[M][0];
export type HostResult<M extends HostMethod> = HostMethods[M][1];

/** Events the host emits (RpcPeer.emit(event, { topic })): topic -> event. */
export interface HostEvents {
  /** The engine is open; the HTTP API listens (or its error is in `http`). Sent once. */
  ready: HostStatus;
  /** Start-up failed; the host exits (code 1) right after sending it. */
  fatal: StartupFailure;
  /** A pushed Api event for one window's session. */
  'api-event': { windowId: number; event: ApiEvent };
  /** Whenever targets' health, pause or the HTTP state changes; at most once a second. */
  status: HostStatus;
  /** A line for main's log (config warnings, remote_write trouble...). */
  log: { message: string };
}
export type HostTopic = keyof HostEvents;

/** How long main waits for `shutdown` before it kills the host. */
export const HOST_SHUTDOWN_BOUND_MS = 10_000;

/**
 * The host's side of Electron's parentPort (process.parentPort in a utilityProcess): messages
 * arrive as { data }. Tests stand in for it under plain Node.
 */
export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/**
 * The host's command line (utilityProcess.fork args): `--data DIR` (main passes the app's data
 * dir), then any of serve's flags (`--config FILE`, `--listen HOST:PORT`, `--no-http`,
 * `--retention.time D`, `--query.compat 3`...), which override <data>/settings.json.
 */
export type HostArgv = readonly string[];
