// Which parser a scrape's Content-Type selects, the way Prometheus 2.42's textparse.New decides.
import type { ExpositionFormat } from './types';

/**
 * OpenMetrics for `application/openmetrics-text` (any parameters, any case); the Prometheus text
 * parser for everything else, including a missing or malformed header (Prometheus falls back
 * to it too). Protobuf is not supported and also falls back.
 */
export function formatForContentType(contentType: string | null): ExpositionFormat {
  if (contentType === null) return 'prometheus-text';
  const semi = contentType.indexOf(';');
  const mediaType = (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return mediaType === 'application/openmetrics-text' ? 'openmetrics' : 'prometheus-text';
}
