// The page's CSP has no 'unsafe-eval'. zod (shared/settings.ts, which the Settings view uses)
// would probe for eval with `new Function("")` on its first object parse, a CSP violation on
// every load; jitless parsing never probes. Imported first by main.tsx.
import { config } from 'zod';

config({ jitless: true });
