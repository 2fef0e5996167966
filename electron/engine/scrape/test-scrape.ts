// "Test scrape" in the target editor: one real scrape of an unsaved target, parsed and labelled
// exactly as a stored scrape would be, but written nowhere.
import type { ScrapedSample, TestScrapeResult } from '../../../shared/api';
import type { Clock } from './clock';
import type { HttpClient } from './http-fetch';
import { mutateSampleLabels } from './ingest';
import { forEachSample } from './parse-body';
import { ACCEPT_HEADER, DEFAULT_BODY_LIMIT, USER_AGENT } from './scrape-loop';
import { targetLabelsOf, type TargetSpec } from './target-spec';
import { authHeaders } from './auth-headers';
import { bodyStepOf } from '../sources/body-step';

const MAX_SHOWN = 200;

export async function testScrape(
  client: HttpClient,
  spec: TargetSpec,
  clock: Clock,
): Promise<TestScrapeResult> {
  const start = clock.now();
  const input = spec.input;
  let contentType: string | null = null;
  let bytes = 0;
  const samples: ScrapedSample[] = [];
  let total = 0;
  const step = bodyStepOf(input, ACCEPT_HEADER);
  try {
    const res = await client.fetch({
      url: input.url,
      timeoutMs: input.timeoutMs,
      bodySizeLimitBytes: spec.bodySizeLimitBytes || DEFAULT_BODY_LIMIT,
      headers: { Accept: step.accept, 'User-Agent': USER_AGENT, ...authHeaders(input.auth) },
      tlsInsecureSkipVerify: input.tlsInsecureSkipVerify,
      caFile: spec.caFile,
      followRedirects: spec.followRedirects,
    });
    contentType = res.contentType;
    bytes = res.wireBytes;
    const opts = {
      targetLabels: targetLabelsOf(spec),
      honorLabels: input.honorLabels,
      honorTimestamps: input.honorTimestamps,
      sampleLimit: 0,
    };
    (step.parse ?? forEachSample)(res.body, res.contentType, (name, flat, value, timestampMs) => {
      total++;
      if (samples.length < MAX_SHOWN) {
        samples.push({ labels: mutateSampleLabels(name, flat, opts), value, timestampMs });
      }
    });
    return {
      ok: true,
      error: null,
      durationMs: clock.now() - start,
      contentType,
      bytes,
      totalSamples: total,
      samples,
    };
  } catch (err) {
    return {
      ok: false,
      error: (err as Error).message,
      durationMs: clock.now() - start,
      contentType,
      bytes,
      totalSamples: total,
      samples,
    };
  }
}
