import type { Logger } from '@corazy/service-kit';
import { parseDictationFolder } from './dictation-folder.js';
import { FolderError, parseProblemFolder, sha256, type FolderFiles } from './problem-folder.js';
import type { DictationRepository, ProblemRepository, SaveOutcome } from './ports.js';

/** The catalogue as folders, wherever they are kept. */
export interface CatalogueSource {
  problemFolders(): AsyncIterable<{ name: string; files: FolderFiles }>;
  dictationFolders(): AsyncIterable<{ name: string; files: FolderFiles }>;
}

export interface SeedReport {
  problems: Record<SaveOutcome, number>;
  dictations: Record<SaveOutcome, number>;
  /** Folders left out, and why: a broken folder is reported, not fatal, so the rest still serves. */
  failed: { folder: string; problems: string[] }[];
}

/**
 * Brings the stored catalogue up to date with the folders: upsert by slug (problems) and by
 * (algorithm, language) (snippets); a folder whose content hash is unchanged is skipped, so this
 * runs at every start, on every replica, at little cost. Removed folders are left in the database:
 * submissions refer to their problems.
 */
export async function seedCatalogue(
  source: CatalogueSource,
  problems: ProblemRepository,
  dictations: DictationRepository,
  logger: Logger,
): Promise<SeedReport> {
  const report: SeedReport = {
    problems: { created: 0, updated: 0, unchanged: 0 },
    dictations: { created: 0, updated: 0, unchanged: 0 },
    failed: [],
  };
  for await (const { name, files } of source.problemFolders()) {
    try {
      const definition = parseProblemFolder(files);
      if (definition.input.slug !== name)
        throw new FolderError([`problem.json slug ${definition.input.slug} is not the folder's name`]);
      report.problems[await problems.save(definition, 'catalogue')] += 1;
    } catch (error) {
      if (!(error instanceof FolderError)) throw error;
      report.failed.push({ folder: `problems/${name}`, problems: error.problems });
    }
  }
  for await (const { name, files } of source.dictationFolders()) {
    try {
      for (const snippet of parseDictationFolder(name, files)) {
        report.dictations[await dictations.seed(snippet, sha256(JSON.stringify(snippet)))] += 1;
      }
    } catch (error) {
      if (!(error instanceof FolderError)) throw error;
      report.failed.push({ folder: `dictations/${name}`, problems: error.problems });
    }
  }
  for (const failure of report.failed) logger.error(failure, 'catalogue folder skipped');
  logger.info({ problems: report.problems, dictations: report.dictations }, 'catalogue seeded');
  return report;
}
