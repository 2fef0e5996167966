// The "Authentication" fieldset of the target and datasource editors: None / Basic / Bearer token,
// and the username, password or token the chosen type needs.
import type { Auth } from '../../../shared/api';

type AuthType = Auth['type'];

export interface AuthFieldsValue {
  authType: AuthType;
  username: string;
  password: string;
  token: string;
}

const AUTH_TYPES: readonly { type: AuthType; label: string }[] = [
  { type: 'none', label: 'None' },
  { type: 'basic', label: 'Basic' },
  { type: 'bearer', label: 'Bearer token' },
];

export function AuthFields({
  value,
  onChange,
  secretPlaceholder,
}: {
  value: AuthFieldsValue;
  /** Called with the one field that changed. */
  onChange: (patch: Partial<AuthFieldsValue>) => void;
  /** Shown in an empty password/token input, e.g. "unchanged" when the engine keeps a stored one. */
  secretPlaceholder?: string;
}) {
  return (
    <fieldset className="fieldset">
      <legend>Authentication</legend>
      <div className="segmented" role="radiogroup" aria-label="Authentication">
        {AUTH_TYPES.map(({ type, label }) => (
          <button
            key={type}
            type="button"
            role="radio"
            aria-checked={value.authType === type}
            className={value.authType === type ? 'on' : undefined}
            onClick={() => onChange({ authType: type })}
          >
            {label}
          </button>
        ))}
      </div>
      {value.authType === 'basic' && (
        <div className="form-grid">
          <label className="field">
            <span>Username</span>
            <input
              type="text"
              autoComplete="off"
              value={value.username}
              onChange={(e) => onChange({ username: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Password</span>
            <input
              type="password"
              autoComplete="new-password"
              value={value.password}
              placeholder={secretPlaceholder}
              onChange={(e) => onChange({ password: e.target.value })}
            />
          </label>
        </div>
      )}
      {value.authType === 'bearer' && (
        <label className="field">
          <span>Token</span>
          <input
            type="password"
            autoComplete="off"
            value={value.token}
            placeholder={secretPlaceholder}
            onChange={(e) => onChange({ token: e.target.value })}
          />
        </label>
      )}
    </fieldset>
  );
}
