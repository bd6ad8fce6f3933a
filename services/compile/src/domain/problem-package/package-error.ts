/** One thing wrong with a package, named by the file (and the key or macro inside it) to fix. */
export interface PackageProblem {
  file: string;
  key?: string;
  message: string;
}

/** Everything wrong with a package at once, so an author fixes it in one go. */
export class PackageError extends Error {
  constructor(readonly problems: PackageProblem[]) {
    super(`the problem package is invalid: ${problems.map(describeProblem).join('; ')}`);
    this.name = 'PackageError';
  }
}

export function describeProblem(problem: PackageProblem): string {
  return `${problem.file}${problem.key === undefined ? '' : ` (${problem.key})`}: ${problem.message}`;
}
