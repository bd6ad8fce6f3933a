import { check, type CheckerSpec } from './checkers.js';
import { COMPILE_LIMITS, getLanguage, type LanguageDefinition, type LanguageId } from './languages.js';
import { effectiveStackBytes } from './run-support.js';
import type { RunLimits, RunResult, Sandbox, Workspace } from './types.js';

export type Verdict =
  | 'ACCEPTED'
  | 'WRONG_ANSWER'
  | 'TIME_LIMIT_EXCEEDED'
  | 'MEMORY_LIMIT_EXCEEDED'
  | 'OUTPUT_LIMIT_EXCEEDED'
  | 'RUNTIME_ERROR'
  | 'COMPILE_ERROR'
  | 'INTERNAL_ERROR';

export interface TestCase {
  id: string;
  input: string;
  expected: string;
}

export interface GradeLimits {
  /** CPU time per test. */
  timeMs: number;
  /** Wall-clock time per test, sleeping included; default 2 × time + 1 s. */
  wallMs?: number;
  /** Memory for the program's own data; runtimes (JVM, V8) get their overhead on top. */
  memoryMb: number;
  /** Output per test; default: twice the expected output, at least 1 MiB. */
  outputBytes?: number;
  /** Processes/threads the program may create itself; default 16 (runtimes get their own threads on top). */
  processes?: number;
}

export interface GradeRequest {
  language: LanguageId;
  source: string;
  tests: readonly TestCase[];
  limits: GradeLimits;
  /** Default exact; null: no expected output (a run), a normal end within the limits is ACCEPTED. */
  checker?: CheckerSpec | null;
  /** Stop starting tests after the first one that is not ACCEPTED (tests already running still finish). */
  stopOnFirstFailure?: boolean;
  /** Tests run at once; default: the sandbox's concurrency. */
  concurrency?: number;
  /** Return what each test printed (capped by the output limit), for a "run with my input". */
  captureOutput?: boolean;
}

export interface TestResult {
  testId: string;
  verdict: Verdict;
  cpuMs: number;
  wallMs: number;
  memoryBytes: number;
  exitCode: number | null;
  signal: string | null;
  /** Checker's first difference, runtime error detail or internal error; safe to show to the submitter. */
  message?: string;
  /** With `captureOutput`: what the program printed, and whether it was cut at the output limit. */
  output?: { stdout: Buffer; stderr: Buffer; truncated: boolean };
}

export interface CompileResult {
  ok: boolean;
  /** Compiler output (stderr then stdout), at most 64 KiB. */
  message: string;
  cpuMs: number;
  wallMs: number;
}

export interface GradeResult {
  verdict: Verdict;
  /** null for languages without a compile step. */
  compile: CompileResult | null;
  /** Results of the tests that ran, in test order. */
  tests: TestResult[];
  /** Tests not run because of stopOnFirstFailure or a compile error. */
  skipped: number;
  maxCpuMs: number;
  maxWallMs: number;
  maxMemoryBytes: number;
  message?: string;
}

const MiB = 1024 * 1024;
const STDERR_EXCERPT = 2000;

export function testLimits(request: GradeRequest, language: LanguageDefinition, test: TestCase): RunLimits {
  const memoryBytes = request.limits.memoryMb * MiB;
  return {
    cpuMs: request.limits.timeMs,
    wallMs: request.limits.wallMs ?? request.limits.timeMs * 2 + 1000,
    memoryBytes: memoryBytes + language.runtimeOverheadBytes,
    processes: (request.limits.processes ?? 16) + language.runtimeThreads,
    outputBytes: request.limits.outputBytes ?? Math.max(MiB, Buffer.byteLength(test.expected) * 2),
    fileSizeBytes: 16 * MiB,
    openFiles: 256,
    stackBytes: Math.min(memoryBytes, 1024 * MiB),
  };
}

function excerpt(text: string): string {
  return text.length > STDERR_EXCERPT ? `${text.slice(0, STDERR_EXCERPT)}…` : text;
}

export function verdictOfRun(
  run: RunResult,
  language: LanguageDefinition,
  expected: string,
  checker: CheckerSpec | null | undefined,
): { verdict: Verdict; message?: string } {
  if (run.limitHit === 'cpu' || run.limitHit === 'wall') {
    return {
      verdict: 'TIME_LIMIT_EXCEEDED',
      message: run.limitHit === 'wall' ? 'wall-clock limit' : undefined,
    };
  }
  const failed = run.exitCode !== 0;
  if (run.limitHit === 'memory' || (failed && language.memoryExhaustedPattern?.test(run.stderr))) {
    return { verdict: 'MEMORY_LIMIT_EXCEEDED' };
  }
  if (run.limitHit === 'output') return { verdict: 'OUTPUT_LIMIT_EXCEEDED' };
  if (failed) {
    const cause = run.signal ? `killed by ${run.signal}` : `exit code ${run.exitCode}`;
    const limit =
      run.limitHit === 'processes'
        ? ' (process limit reached)'
        : run.limitHit === 'fileSize'
          ? ' (file size limit reached)'
          : '';
    return {
      verdict: 'RUNTIME_ERROR',
      message: `${cause}${limit}${run.stderr ? `\n${excerpt(run.stderr)}` : ''}`,
    };
  }
  if (checker === null) return { verdict: 'ACCEPTED' };
  const result = check(checker, run.stdout, expected);
  return result.accepted ? { verdict: 'ACCEPTED' } : { verdict: 'WRONG_ANSWER', message: result.message };
}

function compileFailure(run: RunResult): string {
  const output = [run.stderr, run.stdout].filter(Boolean).join('\n');
  switch (run.limitHit) {
    case 'cpu':
    case 'wall':
      return `compilation exceeded the time limit (${COMPILE_LIMITS.cpuMs / 1000} s)\n${output}`;
    case 'output':
      return `compiler output too long (over ${COMPILE_LIMITS.outputBytes / 1024} KiB)\n${output}`;
    case 'memory':
      return `compiler exceeded the memory limit (${COMPILE_LIMITS.memoryBytes / MiB} MiB)\n${output}`;
    case 'fileSize':
      return `compiler output file too large (over ${COMPILE_LIMITS.fileSizeBytes / MiB} MiB)\n${output}`;
    default:
      return (
        output || (run.signal ? `compiler killed by ${run.signal}` : `compiler exit code ${run.exitCode}`)
      );
  }
}

async function compile(
  sandbox: Sandbox,
  workspace: Workspace,
  language: LanguageDefinition,
  sourceFileName: string,
): Promise<CompileResult | null> {
  const command = language.compileCommand(sourceFileName);
  if (!command) return null;
  const run = await sandbox.run({ command, workspace, limits: COMPILE_LIMITS, workspaceWritable: true });
  const ok = run.exitCode === 0 && run.limitHit === null;
  return { ok, message: ok ? run.stderr : compileFailure(run), cpuMs: run.cpuMs, wallMs: run.wallMs };
}

function compileError(compiled: CompileResult, testCount: number): GradeResult {
  return {
    verdict: 'COMPILE_ERROR',
    compile: compiled,
    tests: [],
    skipped: testCount,
    maxCpuMs: 0,
    maxWallMs: 0,
    maxMemoryBytes: 0,
    message: compiled.message,
  };
}

function internalError(message: string, compile: CompileResult | null, skipped: number): GradeResult {
  return {
    verdict: 'INTERNAL_ERROR',
    compile,
    tests: [],
    skipped,
    maxCpuMs: 0,
    maxWallMs: 0,
    maxMemoryBytes: 0,
    message,
  };
}

/**
 * Compiles once in a private workspace, runs every test against the artifact (read-only, so no test can leave
 * state for another) and reports each test as it finishes.
 */
export async function grade(
  sandbox: Sandbox,
  request: GradeRequest,
  onTestResult?: (result: TestResult) => void | Promise<void>,
): Promise<GradeResult> {
  const language = getLanguage(request.language);
  const sourceFileName = language.sourceFileName(request.source);
  let workspace: Workspace;
  try {
    workspace = await sandbox.createWorkspace({ language: language.id });
  } catch (error) {
    return internalError(`sandbox unavailable: ${(error as Error).message}`, null, request.tests.length);
  }
  try {
    let compiled: CompileResult | null;
    try {
      await sandbox.writeFiles(workspace, [{ name: sourceFileName, content: request.source }]);
      compiled = await compile(sandbox, workspace, language, sourceFileName);
    } catch (error) {
      return internalError(
        `compilation could not run: ${(error as Error).message}`,
        null,
        request.tests.length,
      );
    }
    if (compiled && !compiled.ok) return compileError(compiled, request.tests.length);

    const results = new Map<number, TestResult>();
    let next = 0;
    let stop = false;
    /** Set by the first test whose run said the source does not compile (languages checked in the run). */
    let notCompiled: CompileResult | undefined;
    const runOne = async (index: number, test: TestCase): Promise<TestResult | CompileResult> => {
      const limits = testLimits(request, language, test);
      try {
        const run = await sandbox.run({
          command: language.runCommand({
            sourceFileName,
            memoryBytes: request.limits.memoryMb * MiB,
            stackBytes: effectiveStackBytes(limits),
          }),
          workspace,
          stdin: test.input,
          limits,
          workspaceWritable: false,
        });
        if (run.limitHit === null && run.exitCode === language.syntaxErrorExitCode) {
          return { ok: false, message: run.stderr, cpuMs: run.cpuMs, wallMs: run.wallMs };
        }
        const { verdict, message } = verdictOfRun(run, language, test.expected, request.checker);
        return {
          testId: test.id,
          verdict,
          cpuMs: run.cpuMs,
          wallMs: run.wallMs,
          memoryBytes: run.peakMemoryBytes,
          exitCode: run.exitCode,
          signal: run.signal,
          ...(message === undefined ? {} : { message }),
          ...(request.captureOutput && {
            output: {
              stdout: run.stdoutBytes,
              stderr: run.stderrBytes,
              truncated: run.stdoutTruncated || run.stderrTruncated,
            },
          }),
        };
      } catch (error) {
        return {
          testId: test.id,
          verdict: 'INTERNAL_ERROR',
          cpuMs: 0,
          wallMs: 0,
          memoryBytes: 0,
          exitCode: null,
          signal: null,
          message: `test ${index + 1} could not run: ${(error as Error).message}`,
        };
      }
    };
    const lane = async () => {
      while (!stop && next < request.tests.length) {
        const index = next++;
        const test = request.tests[index] as TestCase;
        const result = await runOne(index, test);
        if ('ok' in result) {
          notCompiled ??= result;
          stop = true;
          return;
        }
        results.set(index, result);
        if (result.verdict !== 'ACCEPTED' && request.stopOnFirstFailure) stop = true;
        await onTestResult?.(result);
      }
    };
    const lanes = Math.max(1, Math.min(request.concurrency ?? sandbox.concurrency, request.tests.length));
    await Promise.all(Array.from({ length: lanes }, lane));
    if (notCompiled) return compileError(notCompiled, request.tests.length);

    const tests = [...results.entries()].sort(([a], [b]) => a - b).map(([, result]) => result);
    const firstFailure = tests.find((result) => result.verdict !== 'ACCEPTED');
    return {
      verdict: firstFailure?.verdict ?? 'ACCEPTED',
      compile: compiled,
      tests,
      skipped: request.tests.length - tests.length,
      maxCpuMs: Math.max(0, ...tests.map((result) => result.cpuMs)),
      maxWallMs: Math.max(0, ...tests.map((result) => result.wallMs)),
      maxMemoryBytes: Math.max(0, ...tests.map((result) => result.memoryBytes)),
      ...(firstFailure?.message === undefined
        ? {}
        : { message: `test ${firstFailure.testId}: ${firstFailure.message}` }),
    };
  } finally {
    await sandbox.destroyWorkspace(workspace).catch(() => undefined);
  }
}
