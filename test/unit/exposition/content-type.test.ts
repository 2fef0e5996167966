import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatForContentType } from '../../../shared/exposition';

describe('formatForContentType', () => {
  it('routes OpenMetrics media types to the OpenMetrics parser', () => {
    assert.equal(formatForContentType('application/openmetrics-text'), 'openmetrics');
    assert.equal(
      formatForContentType('application/openmetrics-text; version=1.0.0; charset=utf-8'),
      'openmetrics',
    );
    assert.equal(formatForContentType(' Application/OpenMetrics-Text ;version=0.0.1'), 'openmetrics');
  });
  it('uses the Prometheus text parser for everything else', () => {
    for (const ct of [
      null,
      '',
      'text/plain; version=0.0.4; charset=utf-8',
      'text/plain',
      'application/json',
      'garbage;;',
      'application/vnd.google.protobuf',
    ]) {
      assert.equal(formatForContentType(ct), 'prometheus-text', String(ct));
    }
  });
});
