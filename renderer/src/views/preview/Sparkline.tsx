// A series' last values as a tiny inline SVG line (NaN and infinities leave gaps).
export function Sparkline({
  values,
  width = 84,
  height = 18,
}: {
  values: number[];
  width?: number;
  height?: number;
}) {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values)
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  if (values.length < 2 || min === Infinity)
    return <svg className="sparkline" width={width} height={height} />;
  const span = max - min || 1;
  const step = width / Math.max(1, values.length - 1);
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      pen = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (max === min ? height / 2 : height - 2 - ((v - min) / span) * (height - 4)).toFixed(1);
    d += `${pen ? 'L' : 'M'}${x} ${y}`;
    pen = true;
  });
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      <path d={d} />
    </svg>
  );
}
