import { existsSync } from 'node:fs';
import type { RunLimits } from './types.js';

export type LanguageId = 'python3' | 'java' | 'c' | 'cpp' | 'javascript';

export const LANGUAGE_IDS: readonly LanguageId[] = ['python3', 'java', 'c', 'cpp', 'javascript'];

export interface RunContext {
  /** The source file name chosen by sourceFileName(). */
  sourceFileName: string;
  /** The problem's memory limit; what the program itself may use. */
  memoryBytes: number;
  stackBytes: number;
}

export interface LanguageDefinition {
  id: LanguageId;
  displayName: string;
  /** File the source is saved as; Java needs the public class's name. */
  sourceFileName(source: string): string;
  /** Compiler argv, or null when the language has no compile step at all. */
  compileCommand(sourceFileName: string): string[] | null;
  /**
   * For a language checked in the run itself rather than by a compile step: the run's exit status saying that
   * the source did not compile, its stderr then being the compiler's message.
   */
  syntaxErrorExitCode?: number;
  runCommand(context: RunContext): string[];
  /**
   * Memory added to the problem's limit for the runtime itself (JVM metaspace, code cache and thread stacks;
   * V8's isolate), so a Java or JavaScript solution gets the same room for its data as a C++ one. The heap is
   * capped at the problem's limit by a flag instead (-Xmx, --max-old-space-size), never by RLIMIT_AS, which
   * breaks the JVM's address-space reservations.
   */
  runtimeOverheadBytes: number;
  /** Threads the runtime starts on its own (JIT, GC, libuv), added to the process limit. */
  runtimeThreads: number;
  /** stderr text meaning the program ran out of memory although the kernel did not have to kill it. */
  memoryExhaustedPattern: RegExp | null;
  /** Docker image (docker backend) holding the toolchain and the measuring helper. */
  dockerImage: string;
}

const MiB = 1024 * 1024;

/** Debian's interpreter; a pyenv shim on the host PATH would not exist inside the sandbox. */
export const PYTHON_PATH = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Strips comments and string literals so a class name inside them is not mistaken for the real one. */
function stripJavaCommentsAndStrings(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/"""[\s\S]*?"""/g, '""')
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''");
}

/** The name of the single public top-level class, or "Main" when there is none. */
export function detectJavaMainClass(source: string): string {
  const code = stripJavaCommentsAndStrings(source);
  const match =
    /\bpublic\s+(?:(?:final|abstract|static|strictfp|sealed|non-sealed)\s+)*(?:class|record|enum|interface)\s+([A-Za-z_$][\w$]*)/.exec(
      code,
    );
  return match?.[1] ?? 'Main';
}

/** Exit status of the python launcher when the source does not compile (see PYTHON_LAUNCHER). */
export const PYTHON_SYNTAX_ERROR_EXIT = 87;

/**
 * Runs a python program after checking its syntax in the same interpreter start, instead of a second start of
 * ~16 ms for a compile step: `compile()` reports what `python3 -m py_compile` would (the "File, line, caret,
 * SyntaxError" lines), and then the program runs as `python3 main.py` would run it, as `__main__` with its own
 * name in `sys.argv[0]` and `__file__`. Tracebacks leave out the launcher's frame. A program can exit with
 * PYTHON_SYNTAX_ERROR_EXIT itself, but that only mislabels its own failure.
 */
const PYTHON_LAUNCHER = [
  'import sys',
  'path = sys.argv[1]',
  'try:',
  "    code = compile(open(path, 'rb').read(), path, 'exec')",
  'except (SyntaxError, ValueError) as error:',
  '    import traceback',
  "    sys.stderr.write(''.join(traceback.format_exception_only(error)))",
  '    sys.stderr.flush()',
  `    sys.exit(${PYTHON_SYNTAX_ERROR_EXIT})`,
  'del sys.argv[0]',
  "main = type(sys)('__main__')",
  'main.__file__ = path',
  'main.__builtins__ = __builtins__',
  "sys.modules['__main__'] = main",
  // The interpreter prints the exception's own __traceback__, whatever traceback the hook is given.
  'def excepthook(kind, value, trace):',
  '    if trace is not None and trace.tb_next is not None:',
  '        trace = trace.tb_next',
  '        value.__traceback__ = trace',
  '    sys.__excepthook__(kind, value, trace)',
  'sys.excepthook = excepthook',
  'del path',
  'exec(code, main.__dict__)',
].join('\n');

export const LANGUAGES: Readonly<Record<LanguageId, LanguageDefinition>> = {
  python3: {
    id: 'python3',
    displayName: 'Python 3',
    sourceFileName: () => 'main.py',
    compileCommand: () => null,
    // Syntax errors still become COMPILE_ERROR, like the compiled languages', but in the run's own start.
    runCommand: ({ sourceFileName }) => [PYTHON_PATH, '-B', '-c', PYTHON_LAUNCHER, sourceFileName],
    syntaxErrorExitCode: PYTHON_SYNTAX_ERROR_EXIT,
    runtimeOverheadBytes: 0,
    runtimeThreads: 0,
    memoryExhaustedPattern: /^MemoryError\b/m,
    dockerImage: 'corazy-sandbox-python3:latest',
  },
  java: {
    id: 'java',
    displayName: 'Java 17',
    sourceFileName: (source) => `${detectJavaMainClass(source)}.java`,
    compileCommand: (file) => [
      '/usr/bin/javac',
      // javac is itself a JVM: keep it inside the compile memory limit and start it quickly.
      '-J-Xmx384m',
      '-J-XX:+UseSerialGC',
      '-J-XX:TieredStopAtLevel=1',
      '-J-Xshare:auto',
      '-J-XX:+UnlockDiagnosticVMOptions',
      '-J-XX:ArchiveRelocationMode=0',
      '-encoding',
      'UTF-8',
      '-d',
      '.',
      file,
    ],
    runCommand: ({ sourceFileName, memoryBytes, stackBytes }) => [
      '/usr/bin/java',
      `-Xmx${Math.max(16, Math.floor(memoryBytes / MiB))}m`,
      `-Xss${Math.max(8, Math.min(256, Math.floor(stackBytes / MiB)))}m`,
      '-XX:+UseSerialGC',
      // The JVM cannot see the cgroup (no /sys in the sandbox); size its worker pools for one CPU.
      '-XX:ActiveProcessorCount=1',
      '-XX:TieredStopAtLevel=1',
      '-Xshare:auto',
      // Map the class-data archive where it was dumped: recent JDK 17 updates (17.0.21 here) move it to a random address
      // by default and then rewrite every pointer in it, ~20 ms of page faults per start. Randomising the JVM's own
      // metadata protects nothing here: the program it would protect against is the one running in it.
      '-XX:+UnlockDiagnosticVMOptions',
      '-XX:ArchiveRelocationMode=0',
      '-XX:-UsePerfData',
      '-cp',
      '.',
      sourceFileName.replace(/\.java$/, ''),
    ],
    runtimeOverheadBytes: 96 * MiB,
    runtimeThreads: 24,
    memoryExhaustedPattern: /java\.lang\.OutOfMemoryError/,
    dockerImage: 'corazy-sandbox-java:latest',
  },
  c: {
    id: 'c',
    displayName: 'C (GCC, C17)',
    sourceFileName: () => 'main.c',
    compileCommand: (file) => ['/usr/bin/gcc', '-std=c17', '-O2', '-pipe', '-o', 'main', file, '-lm'],
    runCommand: () => ['./main'],
    runtimeOverheadBytes: 0,
    runtimeThreads: 0,
    memoryExhaustedPattern: null,
    dockerImage: 'corazy-sandbox-c:latest',
  },
  cpp: {
    id: 'cpp',
    displayName: 'C++ (G++, C++17)',
    sourceFileName: () => 'main.cpp',
    compileCommand: (file) => ['/usr/bin/g++', '-std=c++17', '-O2', '-pipe', '-o', 'main', file],
    runCommand: () => ['./main'],
    runtimeOverheadBytes: 0,
    runtimeThreads: 0,
    memoryExhaustedPattern: /std::bad_alloc/,
    dockerImage: 'corazy-sandbox-cpp:latest',
  },
  javascript: {
    id: 'javascript',
    displayName: 'JavaScript (Node.js)',
    sourceFileName: () => 'main.js',
    // --check parses without running: syntax errors become COMPILE_ERROR.
    compileCommand: (file) => ['/usr/bin/node', '--check', file],
    runCommand: ({ sourceFileName, memoryBytes, stackBytes }) => [
      '/usr/bin/node',
      `--max-old-space-size=${Math.max(16, Math.floor(memoryBytes / MiB))}`,
      // V8 checks its own stack limit (in KiB); keep it well inside RLIMIT_STACK so deep recursion throws
      // RangeError instead of crashing.
      `--stack-size=${Math.max(984, Math.floor((stackBytes / 1024) * 0.75))}`,
      sourceFileName,
    ],
    runtimeOverheadBytes: 64 * MiB,
    runtimeThreads: 12,
    memoryExhaustedPattern: /JavaScript heap out of memory|Reached heap limit/,
    dockerImage: 'corazy-sandbox-javascript:latest',
  },
};

export function getLanguage(id: string): LanguageDefinition {
  const language = (LANGUAGES as Record<string, LanguageDefinition | undefined>)[id];
  if (!language) throw new Error(`unknown language ${JSON.stringify(id)}; known: ${LANGUAGE_IDS.join(', ')}`);
  return language;
}

/** Limits for compiling a submission: 10 s, compiler output capped at 64 KiB, room for javac and g++. */
export const COMPILE_LIMITS: RunLimits = {
  cpuMs: 10_000,
  wallMs: 10_000,
  memoryBytes: 768 * MiB,
  processes: 64,
  outputBytes: 64 * 1024,
  fileSizeBytes: 64 * MiB,
  openFiles: 512,
  stackBytes: 64 * MiB,
};
