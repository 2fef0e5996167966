// The version Promdesk reports (buildinfo, User-Agent). Injected by the build; "dev" in tests.
declare const __PROMDESK_VERSION__: string | undefined;
export const VERSION: string = typeof __PROMDESK_VERSION__ === 'string' ? __PROMDESK_VERSION__ : '0.1.0-dev';
