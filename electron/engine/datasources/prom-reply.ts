// Replies of a remote Prometheus HTTP API, checked with zod and turned into the result types the
// local engine returns (columnar series), so views cannot tell a remote result from a local one.
// Anything else — an HTML page, a proxy's error, a JSON that is not the API's envelope — becomes
// an error that says what came back.
import { z } from 'zod';
import type { LabelSet, QueryInstantResult, QueryRangeResult, SeriesColumns } from '../../../shared/api';
import type { RemoteResponse } from './remote-request';

/** The remote answered, but not with a usable API reply; the message is for the user. */
export class PromReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromReplyError';
  }
}

const envelopeSchema = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});

const labelsSchema = z.record(z.string(), z.string());
/** [unix seconds, "value"]: Prometheus writes sample values as strings ("NaN", "+Inf"). */
const pointSchema = z.tuple([z.number().finite(), z.string()]);

// Native histograms (`histogram`, `histograms`) are not charted yet: such entries have no float
// samples and are counted as skipped.
const vectorSchema = z.array(
  z.object({ metric: labelsSchema, value: pointSchema.optional(), histogram: z.unknown().optional() }),
);
const matrixSchema = z.array(
  z.object({
    metric: labelsSchema,
    values: z.array(pointSchema).optional(),
    histograms: z.unknown().optional(),
  }),
);

const queryDataSchema = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: vectorSchema }),
  z.object({ resultType: z.literal('matrix'), result: matrixSchema }),
  z.object({ resultType: z.literal('scalar'), result: pointSchema }),
  z.object({ resultType: z.literal('string'), result: pointSchema }),
]);
type QueryData = z.infer<typeof queryDataSchema>;

const stringListSchema = z.array(z.string());
const buildInfoSchema = z.object({ version: z.string().optional() });

export interface ApiSuccess {
  data: unknown;
  warnings: string[];
}

/** The `data` of a successful reply, or a PromReplyError saying why there is none. */
export function readEnvelope(res: RemoteResponse): ApiSuccess {
  const json = parseJson(res.body);
  const env = json === undefined ? null : envelopeSchema.safeParse(json);
  if (env?.success) {
    const e = env.data;
    if (e.status === 'error') {
      const kind = e.errorType ? `${e.errorType}: ` : `HTTP ${res.status}: `;
      throw new PromReplyError(kind + (e.error ?? 'the server reported an error without a message'));
    }
    const warnings = [...(e.warnings ?? []), ...(e.infos ?? []).map((i) => `info: ${i}`)];
    return { data: e.data, warnings };
  }
  const http = `HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`;
  if (res.status === 401)
    throw new PromReplyError(
      `${http}: the server refused the credentials (check username, password or token)`,
    );
  if (res.status === 403) throw new PromReplyError(`${http}: the server refused access`);
  if (res.status === 404)
    throw new PromReplyError(`${http}: no Prometheus API here (give the server's base URL, without /api/v1)`);
  if (res.status < 200 || res.status > 299) throw new PromReplyError(`${http}${excerpt(res.body)}`);
  if (json === undefined) {
    throw new PromReplyError(
      `the reply is not Prometheus API JSON (Content-Type ${res.contentType ?? 'none'})${excerpt(res.body)}`,
    );
  }
  throw new PromReplyError(`the reply is JSON but not a Prometheus API reply: ${issueOf(env!.error)}`);
}

function parseJson(body: string): unknown {
  const t = body.trimStart();
  if (!t.startsWith('{')) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** The start of a body, on one line, for an error message. */
function excerpt(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (!text) return '';
  return `: "${text.length > 160 ? text.slice(0, 160) + '…' : text}"`;
}

function issueOf(err: z.ZodError): string {
  const i = err.issues[0];
  return i ? `${i.path.join('.') || '(top)'}: ${i.message}` : 'invalid';
}

function parseData<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const r = schema.safeParse(data);
  if (!r.success) throw new PromReplyError(`unexpected ${what} in the reply: ${issueOf(r.error)}`);
  return r.data;
}

/** Prometheus's float text: Go's FormatFloat plus "+Inf", "-Inf" and "NaN". */
export function parseSampleValue(s: string): number {
  switch (s) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
  }
  const v = Number(s);
  if (s.trim() === '' || Number.isNaN(v))
    throw new PromReplyError(`invalid sample value "${s}" in the reply`);
  return v;
}

const toMs = (seconds: number) => Math.round(seconds * 1000);

function columns(labels: LabelSet, points: [number, string][]): SeriesColumns {
  const timestamps = new Float64Array(points.length);
  const values = new Float64Array(points.length);
  points.forEach(([t, v], i) => {
    timestamps[i] = toMs(t);
    values[i] = parseSampleValue(v);
  });
  return { labels, timestamps, values };
}

function seriesOf(d: QueryData, warnings: string[]): SeriesColumns[] {
  let skipped = 0;
  const out: SeriesColumns[] = [];
  switch (d.resultType) {
    case 'vector':
      for (const s of d.result) {
        if (s.value) out.push(columns(s.metric, [s.value]));
        else skipped++;
      }
      break;
    case 'matrix':
      for (const s of d.result) {
        if (s.values && s.values.length > 0) out.push(columns(s.metric, s.values));
        else if (s.histograms !== undefined) skipped++;
      }
      break;
    case 'scalar':
      out.push(columns({}, [d.result]));
      break;
    case 'string':
      break;
  }
  if (skipped > 0) warnings.push(`${skipped} native histogram series skipped (not charted yet)`);
  return out;
}

export function toInstantResult(reply: ApiSuccess): QueryInstantResult {
  const d = parseData(queryDataSchema, reply.data, 'query result');
  const warnings = [...reply.warnings];
  const series = seriesOf(d, warnings);
  return {
    resultType: d.resultType,
    series,
    scalar: d.resultType === 'scalar' ? parseSampleValue(d.result[1]) : null,
    string: d.resultType === 'string' ? d.result[1] : null,
    warnings,
  };
}

export function toRangeResult(reply: ApiSuccess): QueryRangeResult {
  const d = parseData(queryDataSchema, reply.data, 'query_range result');
  if (d.resultType === 'string') throw new PromReplyError('a range query cannot return a string');
  const warnings = [...reply.warnings];
  return { series: seriesOf(d, warnings), warnings };
}

/** /api/v1/labels and /api/v1/label/<name>/values: a list of strings. */
export function toStringList(reply: ApiSuccess): string[] {
  return parseData(stringListSchema, reply.data, 'list');
}

/** /api/v1/status/buildinfo's version; null where the server leaves it out (VictoriaMetrics). */
export function toBuildVersion(reply: ApiSuccess): string | null {
  return parseData(buildInfoSchema, reply.data, 'build info').version || null;
}
