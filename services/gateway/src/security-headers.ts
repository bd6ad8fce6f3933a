/**
 * Headers on every answer of the gateway. The API returns JSON and event streams, never a page: its
 * policy forbids everything, so a response rendered as a document by mistake can run nothing and be
 * framed by no one. The web app's own policy is in apps/all-in-one (and the web image's nginx).
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};
