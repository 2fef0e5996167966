// Public surface of the exposition linter (pure: used by the CLI and the browser's Preview pane).
export { lintExposition, hasProblems, DEFAULT_CARDINALITY_LIMIT } from './lint-exposition';
export type { LintOptions } from './lint-exposition';
export { lintText, detectFormat } from './lint-text';
export type { LintTextOptions, LintTextResult } from './lint-text';
export { collectMetaLines } from './meta-lines';
export type { MetaLine } from './model';
export type { LintFinding, LintSeverity } from './types';
