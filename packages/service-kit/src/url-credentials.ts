/**
 * Credentials in URLs. A query parameter is named by its decoded name, as `URLSearchParams` (and so
 * the gateway's token lookup) reads it: `?access%5Ftoken=` and `?%61ccess_token=` are `access_token`.
 * Matching the raw text instead let such spellings authenticate and still reach the logs whole.
 */

/** Query parameters that carry a credential. */
const CREDENTIAL_PARAMETERS = new Set(['access_token', 'refresh_token', 'token']);
/** A JWT (three base64url parts, the first a JSON object), whatever the parameter's name. */
const JWT_SHAPED = /eyJ[\w-]*\.[\w-]+\.[\w-]*/;

function decodedName(segment: string): string {
  const end = segment.indexOf('=');
  const raw = (end === -1 ? segment : segment.slice(0, end)).replaceAll('+', ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function splitUrl(url: string): { path: string; segments: string[] } {
  const start = url.indexOf('?');
  if (start === -1) return { path: url, segments: [] };
  return { path: url.slice(0, start), segments: url.slice(start + 1).split('&') };
}

const join = (path: string, segments: string[]) =>
  segments.length > 0 ? `${path}?${segments.join('&')}` : path;

/** The URL for a log line: credential parameters and anything JWT-shaped replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const { path, segments } = splitUrl(url);
  if (segments.length === 0) return url;
  return join(
    path,
    segments.map((segment) => {
      const credential =
        CREDENTIAL_PARAMETERS.has(decodedName(segment)) || JWT_SHAPED.test(safeDecode(segment));
      if (!credential) return segment;
      const nameEnd = segment.indexOf('=');
      return nameEnd === -1 ? '[redacted]' : `${segment.slice(0, nameEnd)}=[redacted]`;
    }),
  );
}

/** The URL without the query parameters whose decoded name is `name`; the rest kept byte for byte. */
export function withoutQueryParameter(url: string, name: string): string {
  const { path, segments } = splitUrl(url);
  return join(
    path,
    segments.filter((segment) => segment !== '' && decodedName(segment) !== name),
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
