export type {
  CreateWorkspaceOptions,
  LimitHit,
  ProbeResult,
  RunLimits,
  RunResult,
  RunSpec,
  Sandbox,
  SandboxBackendName,
  Workspace,
  WorkspaceFile,
} from './types.js';
export { InvalidWorkspaceFileError, SandboxInternalError, SandboxUnavailableError } from './errors.js';
export {
  NamespaceSandbox,
  DEFAULT_READ_ONLY_PATHS,
  type NamespaceSandboxOptions,
} from './namespace-sandbox.js';
export { NAMESPACE_ENGINES, type NamespaceEngineName } from './namespace-engines.js';
export type { CgroupOptions } from './cgroups.js';
export { ensureHelper, DEFAULT_HELPER_PATH } from './native-helper.js';
export { SANDBOX_ENV } from './run-support.js';
export {
  COMPILE_LIMITS,
  LANGUAGES,
  LANGUAGE_IDS,
  PYTHON_PATH,
  detectJavaMainClass,
  getLanguage,
  type LanguageDefinition,
  type LanguageId,
  type RunContext,
} from './languages.js';
export { check, normalizeExact, type CheckResult, type CheckerSpec } from './checkers.js';
export {
  grade,
  testLimits,
  verdictOfRun,
  type CompileResult,
  type GradeLimits,
  type GradeRequest,
  type GradeResult,
  type TestCase,
  type TestResult,
  type Verdict,
} from './grade.js';
export { DockerSandbox, type DockerSandboxOptions } from './docker-sandbox.js';
export { createSandbox, type SandboxKind } from './create-sandbox.js';
