export type CheckerSpec =
  { kind: 'exact' } | { kind: 'tokens' } | { kind: 'float'; absoluteError?: number; relativeError?: number };

export interface CheckResult {
  accepted: boolean;
  /** Where the first difference is, for the submitter; never the whole expected output. */
  message?: string;
}

/** CRLF to LF, trailing whitespace removed from every line, trailing blank lines removed. */
export function normalizeExact(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v]+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
}

function preview(text: string | undefined): string {
  if (text === undefined) return '(end of output)';
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function checkExact(output: string, expected: string): CheckResult {
  const actualLines = normalizeExact(output).split('\n');
  const expectedLines = normalizeExact(expected).split('\n');
  const length = Math.max(actualLines.length, expectedLines.length);
  for (let index = 0; index < length; index++) {
    if (actualLines[index] !== expectedLines[index]) {
      return {
        accepted: false,
        message: `line ${index + 1}: expected ${preview(expectedLines[index])}, got ${preview(actualLines[index])}`,
      };
    }
  }
  return { accepted: true };
}

function tokenize(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function compareTokens(
  output: string,
  expected: string,
  equal: (actual: string, wanted: string) => boolean,
): CheckResult {
  const actual = tokenize(output);
  const wanted = tokenize(expected);
  const length = Math.max(actual.length, wanted.length);
  for (let index = 0; index < length; index++) {
    const actualToken = actual[index];
    const wantedToken = wanted[index];
    if (actualToken === undefined || wantedToken === undefined || !equal(actualToken, wantedToken)) {
      return {
        accepted: false,
        message: `token ${index + 1}: expected ${preview(wantedToken)}, got ${preview(actualToken)}`,
      };
    }
  }
  return { accepted: true };
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:inf|infinity|nan)$/i;

/** Numbers match within absolute OR relative error (the usual judge rule); other tokens must be identical. */
function floatsEqual(absoluteError: number, relativeError: number) {
  return (actual: string, wanted: string): boolean => {
    if (!NUMBER.test(wanted) || !NUMBER.test(actual)) return actual === wanted;
    const a = Number(actual.replace(/infinity|inf/i, 'Infinity'));
    const b = Number(wanted.replace(/infinity|inf/i, 'Infinity'));
    if (Number.isNaN(b)) return Number.isNaN(a);
    if (!Number.isFinite(b)) return a === b;
    if (!Number.isFinite(a)) return false;
    const difference = Math.abs(a - b);
    return difference <= absoluteError || difference <= relativeError * Math.abs(b);
  };
}

export function check(checker: CheckerSpec | undefined, output: string, expected: string): CheckResult {
  const spec = checker ?? { kind: 'exact' };
  switch (spec.kind) {
    case 'exact':
      return checkExact(output, expected);
    case 'tokens':
      return compareTokens(output, expected, (actual, wanted) => actual === wanted);
    case 'float':
      return compareTokens(
        output,
        expected,
        floatsEqual(spec.absoluteError ?? 1e-6, spec.relativeError ?? 1e-6),
      );
  }
}
