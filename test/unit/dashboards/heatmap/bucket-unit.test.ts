// The bounds' unit from the bucket metric's name, for Explore's heatmap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketBoundUnit } from '../../../../shared/dashboards/heatmap/bucket-unit';

test('the base unit in the _bucket metric’s name is the unit of its bounds', () => {
  assert.equal(
    bucketBoundUnit('sum by (le) (rate(prometheus_http_request_duration_seconds_bucket[1m]))'),
    's',
  );
  assert.equal(bucketBoundUnit('http_response_size_bytes_bucket'), 'bytes');
  assert.equal(bucketBoundUnit('rate(x_milliseconds_bucket{job="a"}[5m])'), 'ms');
  assert.equal(bucketBoundUnit('rate(requests_bucket[5m])'), undefined);
  assert.equal(bucketBoundUnit('x_seconds_bucket_total'), undefined);
  assert.equal(bucketBoundUnit('up'), undefined);
});
