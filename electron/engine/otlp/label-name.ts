// OTLP attribute keys as Prometheus 3 names labels by default (label_name_underscore_sanitization
// and label_name_preserve_multiple_underscores both on): every character outside [a-zA-Z0-9_]
// becomes "_", a leading digit gets "key_" and a single leading "_" gets "key" before it.

/** The label name, or an error message when the key cannot be one. */
export function promLabelName(key: string): string | { error: string } {
  if (key === '') return { error: 'label name is empty' };
  let out = key.replace(/[^a-zA-Z0-9_]/gu, '_');
  if (/^[0-9]/.test(out)) out = 'key_' + out;
  else if (out.startsWith('_') && !out.startsWith('__')) out = 'key' + out;
  if (/^_+$/.test(out))
    return { error: `normalization for label name "${key}" resulted in invalid name "${out}"` };
  return out;
}
