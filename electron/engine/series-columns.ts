// Query results as the renderer wants them: one SeriesColumns (Float64Array timestamps and
// values) per series, whatever the result type.
import type { SeriesColumns } from '../../shared/api';
import type { QueryResult } from './query';

export function toSeriesColumns(res: QueryResult): SeriesColumns[] {
  switch (res.resultType) {
    case 'matrix':
      return res.result.map((s) => ({ labels: s.labels, timestamps: s.t, values: s.v }));
    case 'vector':
      return res.result.map((s) => ({
        labels: s.labels,
        timestamps: Float64Array.of(s.t),
        values: Float64Array.of(s.v),
      }));
    case 'scalar':
      return [{ labels: {}, timestamps: Float64Array.of(res.t), values: Float64Array.of(res.v) }];
    case 'string':
      return [];
  }
}
