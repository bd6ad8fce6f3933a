import { describe, expect, it } from 'vitest';
import { detectJavaMainClass, getLanguage, LANGUAGES } from './languages.js';

describe('Java main class detection', () => {
  it('finds the single public class whatever its name', () => {
    expect(detectJavaMainClass('import java.util.*;\n\npublic final class Solver {\n}\n')).toBe('Solver');
  });

  it('ignores classes mentioned in comments and strings', () => {
    const source =
      '// public class Fake {}\n/* public class AlsoFake */\nclass Helper {}\npublic class Real { String s = "public class Nope"; }';
    expect(detectJavaMainClass(source)).toBe('Real');
  });

  it('defaults to Main when no class is public', () => {
    expect(detectJavaMainClass('class Main { public static void main(String[] a) {} }')).toBe('Main');
    expect(LANGUAGES.java.sourceFileName('class X {}')).toBe('Main.java');
  });
});

describe('language table', () => {
  it('caps the JVM heap at the problem limit and leaves its overhead to the cgroup', () => {
    const argv = LANGUAGES.java.runCommand({
      sourceFileName: 'Main.java',
      memoryBytes: 256 * 1024 * 1024,
      stackBytes: 64 * 1024 * 1024,
    });
    expect(argv).toContain('-Xmx256m');
    expect(argv).toContain('-Xss64m');
    expect(argv).toContain('-XX:+UseSerialGC');
    expect(argv.at(-1)).toBe('Main');
    expect(LANGUAGES.java.runtimeOverheadBytes).toBeGreaterThan(0);
  });

  it('compiles C and C++ with the required standards', () => {
    expect(LANGUAGES.c.compileCommand('main.c')).toEqual(expect.arrayContaining(['-std=c17', '-O2', '-lm']));
    expect(LANGUAGES.cpp.compileCommand('main.cpp')).toEqual(expect.arrayContaining(['-std=c++17', '-O2']));
  });

  it('rejects unknown languages by name', () => {
    expect(() => getLanguage('cobol')).toThrow(/unknown language "cobol"/);
  });
});
