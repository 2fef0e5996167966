// The "Skip TLS verification" option, the same in every form that connects somewhere (targets,
// datasources).
export function TlsSkipVerifyCheck({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      Skip TLS verification <span className="muted">— accept self-signed certificates</span>
    </label>
  );
}
