import type { PackageImportResult } from '@corazy/contracts';
import { AppError, notFound } from '@corazy/service-kit';
import { problemSummary } from '../catalogue.js';
import type { ProblemRepository } from '../ports.js';
import type { FolderFiles } from '../problem-folder.js';
import { kattisPackageFiles, readKattisPackage, VERIFICATION_REPORT } from './kattis-package.js';
import { describeProblem, PackageError } from './package-error.js';
import { verifyPackage, type Grader } from './verification.js';

/**
 * Problems in and out as Kattis packages. An import is verified before anything is stored: every
 * submission runs through the real grader, and a package whose submissions do not end as their
 * folders promise is refused with the report. The report of an accepted package is stored with the
 * problem (`corazy/verification.json`, left out of exports so that they stay byte-identical).
 */
export class ProblemPackages {
  constructor(
    private readonly problems: ProblemRepository,
    private readonly grader: Grader,
  ) {}

  async import(files: FolderFiles, slug: string): Promise<PackageImportResult> {
    let pkg;
    try {
      pkg = readKattisPackage(files, slug);
    } catch (error) {
      if (error instanceof PackageError)
        throw new AppError(
          'PACKAGE_INVALID',
          `the problem package is invalid: ${error.problems.map(describeProblem).join('; ')}`,
          { problems: error.problems },
        );
      throw error;
    }
    const report = await verifyPackage(pkg, this.grader);
    if (!report.ok)
      throw new AppError(
        'PACKAGE_VERIFICATION_FAILED',
        `the package failed verification: ${report.failures.map((failure) => `${failure.file}: ${failure.message}`).join('; ')}`,
        { report },
      );
    const { definition } = pkg;
    definition.input.timeLimitMs = report.timeLimitMs;
    definition.otherFiles.set(VERIFICATION_REPORT, Buffer.from(`${JSON.stringify(report, null, 2)}\n`));
    const outcome = await this.problems.save(definition, 'admin');
    const problem = await this.problems.find(definition.input.slug);
    if (!problem) throw notFound('problem');
    return { outcome, problem: problemSummary(problem), report };
  }

  async export(slugOrId: string): Promise<{ slug: string; files: FolderFiles }> {
    const problem = await this.problems.find(slugOrId);
    const definition = problem && (await this.problems.definition(problem.id));
    if (!problem || !definition) throw notFound('problem');
    return { slug: problem.slug, files: kattisPackageFiles(definition) };
  }
}
