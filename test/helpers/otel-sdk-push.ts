// An app instrumented with the real OpenTelemetry JS SDK: a counter, a gauge and a histogram,
// exported once, at shutdown (cumulative temporality, the SDK's default) over OTLP/HTTP to `url`, as protobuf
// or as gzipped JSON, with a resource naming the service.
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';

export async function pushWithOtelSdk(
  url: string,
  protocol: 'proto' | 'json',
  service: string,
): Promise<void> {
  // The JSON one gzips its bodies (the enum is otlp-exporter-base's CompressionAlgorithm.GZIP).
  const exporter =
    protocol === 'proto'
      ? new ProtoExporter({ url })
      : new JsonExporter({ url, compression: 'gzip' } as ConstructorParameters<typeof JsonExporter>[0]);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({
      'service.name': service,
      'service.namespace': 'shop',
      'service.instance.id': `${service}-1`,
      'deployment.environment': 'test',
      'host.name': 'node-a',
    }),
    readers: [reader],
  });
  const meter = provider.getMeter('checkout-meter', '1.2.3');
  const requests = meter.createCounter('http.server.requests', { unit: '{request}' });
  requests.add(3, { 'http.method': 'GET' });
  requests.add(2, { 'http.method': 'POST' });
  meter.createGauge('queue.depth', { unit: '1' }).record(0.75);
  const duration = meter.createHistogram('http.server.duration', { unit: 's' });
  for (const v of [0.002, 0.3, 7, 12]) duration.record(v);
  await provider.shutdown();
}
