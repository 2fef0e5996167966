// `promdesk lint`: promtool's `check metrics` for files, URLs and stdin. Exit 0 when every input
// parsed without problems, 1 when any has lint problems (errors or warnings; info does not
// count), 2 when any input could not be read or parsed.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeExpositionBody, formatForContentType } from '../shared/exposition';
import type { ExpositionFormat } from '../shared/exposition';
import {
  DEFAULT_CARDINALITY_LIMIT,
  detectFormat,
  hasProblems,
  lintText,
  type LintFinding,
} from '../shared/exposition/lint';
import { DnsCache } from './engine/scrape/dns-cache';
import { HttpClient } from './engine/scrape/http-fetch';
import { USER_AGENT } from './engine/scrape/scrape-loop';

export const LINT_USAGE = `  lint     Check metrics expositions like promtool check metrics, and more
           promdesk lint [--format text|openmetrics|auto] [--json] INPUT...
           INPUT is a file, an http(s):// URL, or - for stdin
           --format F              how to parse (default auto: OpenMetrics when it ends in # EOF)
           --json                  print one JSON array, an entry per input
           --cardinality-limit N   flag labels with more than N values in a family (default ${DEFAULT_CARDINALITY_LIMIT}, 0: off)
           exit 0: no problems, 1: lint problems (errors or warnings), 2: unreadable or unparsable input`;

const FETCH_LIMIT_BYTES = 10 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;
// Prometheus's scrape Accept headers: OpenMetrics preferred, the text format as fallback.
const ACCEPT_ANY =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
const ACCEPT_TEXT = 'text/plain;version=0.0.4;q=1,*/*;q=0.1';
const ACCEPT_OPENMETRICS = 'application/openmetrics-text;version=1.0.0,*/*;q=0.1';

type FormatChoice = ExpositionFormat | 'auto';

export interface LintReport {
  /** The input exactly as given on the command line. */
  file: string;
  format: ExpositionFormat | null;
  parsed: boolean;
  /** Parse errors have a position; read and fetch errors do not. */
  error: { kind: 'parse' | 'read'; line: number | null; column: number | null; message: string } | null;
  problems: LintFinding[];
  families: number;
  samples: number;
}

interface Source {
  body: string;
  /** The format the source itself announces (an HTTP Content-Type), if any. */
  announced: ExpositionFormat | null;
}

class UsageError extends Error {}

function parseFormat(text: string | undefined): FormatChoice {
  switch (text) {
    case undefined:
    case 'auto':
      return 'auto';
    case 'text':
    case 'prometheus-text':
      return 'prometheus-text';
    case 'openmetrics':
      return 'openmetrics';
    default:
      throw new UsageError(`--format must be text, openmetrics or auto, not "${text}"`);
  }
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CARDINALITY_LIMIT;
  if (!/^\d+$/.test(text)) throw new UsageError(`--cardinality-limit must be a whole number, not "${text}"`);
  return Number(text);
}

/** Runs the command and returns its exit code. */
export async function runLint(argv: string[]): Promise<number> {
  let format: FormatChoice;
  let json: boolean;
  let cardinalityLimit: number;
  let inputs: string[];
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' },
        json: { type: 'boolean', default: false },
        'cardinality-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`Usage:\n${LINT_USAGE}\n`);
      return 0;
    }
    format = parseFormat(values.format);
    json = values.json === true;
    cardinalityLimit = parseLimit(values['cardinality-limit']);
    inputs = positionals;
    if (inputs.length === 0) throw new UsageError('no input: give files, URLs or - for stdin');
  } catch (err) {
    process.stderr.write(`promdesk lint: ${(err as Error).message}\n\nUsage:\n${LINT_USAGE}\n`);
    return 2;
  }

  let client: HttpClient | null = null;
  const reports: LintReport[] = [];
  try {
    for (const input of inputs) {
      let source: Source;
      try {
        if (/^https?:\/\//i.test(input)) {
          client ??= new HttpClient(new DnsCache());
          source = await fetchSource(client, input, format);
        } else source = { body: await readSource(input), announced: null };
      } catch (err) {
        reports.push(readFailure(input, (err as Error).message));
        continue;
      }
      const chosen: FormatChoice =
        format !== 'auto' ? format : (source.announced ?? detectFormat(source.body));
      const r = lintText(source.body, { format: chosen, cardinalityLimit });
      reports.push({
        file: input,
        format: r.format,
        parsed: r.parsed,
        error: r.error === null ? null : { kind: 'parse', ...r.error },
        problems: r.problems,
        families: r.families,
        samples: r.samples,
      });
    }
  } finally {
    client?.close();
  }

  process.stdout.write(json ? JSON.stringify(reports, null, 2) + '\n' : formatText(reports));
  if (reports.some((r) => !r.parsed)) return 2;
  return reports.some((r) => hasProblems(r.problems)) ? 1 : 0;
}

function readFailure(file: string, message: string): LintReport {
  return {
    file,
    format: null,
    parsed: false,
    error: { kind: 'read', line: null, column: null, message },
    problems: [],
    families: 0,
    samples: 0,
  };
}

async function readSource(input: string): Promise<string> {
  if (input === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return decodeExpositionBody(Buffer.concat(chunks));
  }
  try {
    return decodeExpositionBody(await readFile(input));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new Error('no such file', { cause: err });
    if (e.code === 'EISDIR') throw new Error('is a directory', { cause: err });
    throw err;
  }
}

async function fetchSource(client: HttpClient, url: string, format: FormatChoice): Promise<Source> {
  const accept =
    format === 'prometheus-text' ? ACCEPT_TEXT : format === 'openmetrics' ? ACCEPT_OPENMETRICS : ACCEPT_ANY;
  const res = await client.fetch({
    url,
    timeoutMs: FETCH_TIMEOUT_MS,
    bodySizeLimitBytes: FETCH_LIMIT_BYTES,
    headers: { Accept: accept, 'User-Agent': USER_AGENT },
    tlsInsecureSkipVerify: false,
    caFile: null,
  });
  // A scraper picks the parser by Content-Type; only an explicit OpenMetrics one is trusted here,
  // so a text/plain body that ends in # EOF is still sniffed.
  const announced = formatForContentType(res.contentType) === 'openmetrics' ? 'openmetrics' : null;
  return { body: decodeExpositionBody(res.body), announced };
}

function displayName(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

/** promtool-like text: one line per finding or error, then a summary. */
export function formatText(reports: readonly LintReport[]): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let failed = 0;
  for (const r of reports) {
    const name = displayName(r.file);
    if (r.error !== null) {
      failed++;
      lines.push(
        r.error.kind === 'parse'
          ? `${name}:${r.error.line}:${r.error.column}: parse error: ${r.error.message}`
          : `${name}: read error: ${r.error.message}`,
      );
      continue;
    }
    for (const p of r.problems) {
      if (p.severity === 'error') errors++;
      else if (p.severity === 'warning') warnings++;
      else infos++;
      lines.push(`${name}${p.line === null ? '' : `:${p.line}`}: ${p.severity}: ${p.message} (${p.code})`);
    }
  }
  const parts = [`${reports.length} input${reports.length === 1 ? '' : 's'}`];
  if (failed > 0) parts.push(`${failed} unreadable or unparsable`);
  parts.push(plural(errors, 'error'), plural(warnings, 'warning'), `${infos} info`);
  lines.push(`lint: ${parts.join(', ')}`);
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
