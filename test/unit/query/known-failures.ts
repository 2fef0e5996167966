// Conformance cases known to fail, by "file:line", each with a one-line reason.
// Keep this list short: fix the engine rather than growing it.
export const KNOWN_FAILURES: Record<string, string> = {};
