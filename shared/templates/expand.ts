// Prometheus's template expansion for alerting rules (template.Expander and rules/alerting.go):
// the text is prefixed with the four definitions Prometheus puts in front ($labels,
// $externalLabels, $externalURL, $value), parsed as "__alert_<rule name>", executed with
// missingkey=zero, and a failure becomes the annotation's text in Prometheus's words:
// "<error expanding template: error executing template __alert_X: template: ...>".
import { BUILTINS } from './builtins';
import { execute, runAsync, runSync, TemplateExecError, type MissingKey, type Step } from './exec';
import { parseTemplate, TemplateParseError, type ParsedTemplates } from './parser';
import { PROMETHEUS_FUNC_NAMES, prometheusFuncs, timeMethod, type QueryFunc } from './prometheus-funcs';
import { GoStruct, stringMap, type GoValue } from './values';

/** What an alert's templates see (Prometheus's AlertTemplateData). */
export interface AlertTemplateData {
  labels: Readonly<Record<string, string>>;
  externalLabels: Readonly<Record<string, string>>;
  externalURL: string;
  value: number;
}

export interface ExpandContext {
  /** The evaluation time (ms): query runs at it. */
  timeMs: number;
  query?: QueryFunc;
  externalURL: string;
}

const DEFS =
  '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

const DATA_TYPE =
  'struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }';

const FUNC_NAMES: ReadonlySet<string> = new Set([...BUILTINS.keys(), ...PROMETHEUS_FUNC_NAMES]);
const hasFunction = (name: string): boolean => FUNC_NAMES.has(name);

/** The struct Prometheus hands an alert's templates. */
function alertData(d: AlertTemplateData): GoValue {
  return new GoStruct(
    DATA_TYPE,
    new Map<string, GoValue>([
      ['Labels', stringMap(d.labels)],
      ['ExternalLabels', stringMap(d.externalLabels)],
      ['ExternalURL', d.externalURL],
      ['Value', d.value],
    ]),
  );
}

/** Parsed templates by name and text; rules expand the same texts on every evaluation. */
const parsed = new Map<string, ParsedTemplates | TemplateParseError>();
const PARSED_ENTRIES = 2000;

function parseCached(name: string, text: string): ParsedTemplates {
  const key = `${name}\u0000${text}`;
  let p = parsed.get(key);
  if (p === undefined) {
    try {
      p = parseTemplate(name, text, hasFunction);
    } catch (err) {
      if (!(err instanceof TemplateParseError)) throw err;
      p = err;
    }
    if (parsed.size >= PARSED_ENTRIES) parsed.clear();
    parsed.set(key, p);
  }
  if (p instanceof TemplateParseError) throw p;
  return p;
}

/** A template that failed as Prometheus's Expand reports it ("error parsing template ..."). */
export class TemplateExpandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateExpandError';
  }
}

function start(
  name: string,
  text: string,
  data: GoValue,
  ctx: ExpandContext,
  missingKey: MissingKey,
): Step<string> {
  let templates: ParsedTemplates;
  try {
    templates = parseCached(name, text);
  } catch (err) {
    throw new TemplateExpandError(`error parsing template ${name}: ${(err as Error).message}`);
  }
  return execute(templates, prometheusFuncs(ctx), data, { missingKey, methods: timeMethod });
}

function execError(name: string, err: unknown): never {
  if (err instanceof TemplateExecError)
    throw new TemplateExpandError(`error executing template ${name}: ${err.message}`);
  if (err instanceof RangeError)
    throw new TemplateExpandError(`panic expanding template ${name}: ${err.message}`);
  throw err;
}

/**
 * Expands a template as Prometheus's Expander.Expand does; throws TemplateExpandError with its
 * message. A query function that returns a promise needs expandTemplateAsync.
 */
export function expandTemplate(
  name: string,
  text: string,
  data: GoValue,
  ctx: ExpandContext,
  missingKey: MissingKey = 'zero',
): string {
  const gen = start(name, text, data, ctx, missingKey);
  try {
    return runSync(gen);
  } catch (err) {
    return execError(name, err);
  }
}

export async function expandTemplateAsync(
  name: string,
  text: string,
  data: GoValue,
  ctx: ExpandContext,
  missingKey: MissingKey = 'zero',
): Promise<string> {
  const gen = start(name, text, data, ctx, missingKey);
  try {
    return await runAsync(gen);
  } catch (err) {
    return execError(name, err);
  }
}

/** An alert's label or annotation value, expanded; a failure gives Prometheus's error text. */
export function expandAlertText(
  ruleName: string,
  text: string,
  data: AlertTemplateData,
  ctx: ExpandContext,
): string {
  try {
    return expandTemplate(`__alert_${ruleName}`, DEFS + text, alertData(data), ctx);
  } catch (err) {
    if (err instanceof TemplateExpandError) return `<error expanding template: ${err.message}>`;
    throw err;
  }
}

export async function expandAlertTextAsync(
  ruleName: string,
  text: string,
  data: AlertTemplateData,
  ctx: ExpandContext,
): Promise<string> {
  try {
    return await expandTemplateAsync(`__alert_${ruleName}`, DEFS + text, alertData(data), ctx);
  } catch (err) {
    if (err instanceof TemplateExpandError) return `<error expanding template: ${err.message}>`;
    throw err;
  }
}

/**
 * The parse error of an alert's label or annotation value as promtool check rules reports it
 * ("template: __alert_X:1: function \"f\" not defined"), or undefined when it parses.
 */
export function alertTemplateParseError(ruleName: string, text: string): string | undefined {
  try {
    parseCached(`__alert_${ruleName}`, DEFS + text);
    return undefined;
  } catch (err) {
    if (err instanceof TemplateParseError) return err.message;
    throw err;
  }
}
