/**
 * Bytes that a program, a compiler or a checker wrote may be anything: NUL, invalid UTF-8, half a
 * character cut at the output cap. JSON and PostgreSQL (`text`, `jsonb`) carry neither NUL nor
 * invalid UTF-8, so output travels as two things (docs/grading.md "Output bytes"):
 *
 * - a display text: the bytes read as UTF-8, every invalid sequence replaced by U+FFFD (the WHATWG
 *   decoder's rule, as browsers read a page) and every NUL by U+2400 `␀`; safe in JSON and in any
 *   PostgreSQL column, and what the web shows;
 * - the exact bytes in base64, only when the display text is not them ("binary output").
 *
 * Plain-ASCII/UTF-8 output, the usual case, is carried once, as its text. Shared by the worker (which
 * produces it), the compile service and the web (which shows it): no Node-only API here.
 */

const NUL = new RegExp(String.fromCharCode(0), 'g');
const NUL_SYMBOL = '\u2400';
/** A surrogate half without its partner: not encodable as UTF-8, so PostgreSQL would refuse it too. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const strict = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

/** Output as it is carried in JSON: the display text, and the exact bytes when they differ from it. */
export interface OutputText {
  text: string;
  /** The exact bytes, base64 (RFC 4648, padded); absent when `text` encoded as UTF-8 is exactly them. */
  base64?: string;
}

/** The display text of some bytes (see the module comment). */
export function displayText(bytes: Uint8Array): string {
  return lenient.decode(bytes).replace(NUL, NUL_SYMBOL);
}

/** The display text of a string that may already hold NUL or a lone surrogate (a message, a name). */
export function safeText(text: string): string {
  return text.replace(NUL, NUL_SYMBOL).replace(LONE_SURROGATE, '\uFFFD');
}

export function outputText(bytes: Uint8Array): OutputText {
  const text = displayText(bytes);
  return isPlainText(bytes) ? { text } : { text, base64: toBase64(bytes) };
}

/** True when the bytes are valid UTF-8 without NUL, i.e. their display text is exactly them. */
export function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The exact bytes of output: from `base64` when present, else the text's UTF-8. */
export function outputBytes(output: OutputText): Uint8Array {
  if (output.base64 === undefined) return new TextEncoder().encode(output.text);
  const binary = atob(output.base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: spreading a megabyte of arguments would overflow the call stack.
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}
