import { z } from 'zod';

// The app runs under a CSP without 'unsafe-eval' (docs/web.md): zod must not probe `new Function`,
// which the browser reports as a violation even though zod catches the refusal.
z.config({ jitless: true });
