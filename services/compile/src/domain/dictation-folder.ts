import { z } from 'zod';
import { DictationInput, Language, LocalizedText } from '@corazy/contracts';
import { FolderError, type FolderFiles } from './problem-folder.js';

/**
 * A dictation algorithm as a folder (catalogue/dictations/ALGORITHM): meta.json with `algorithm`,
 * `title` {ko,en} and `explanation` {ko,en}, and one snippet per language named LANGUAGE.EXT
 * (python.py, java.java, c.c, cpp.cpp, javascript.js). A folder gives one snippet per language file.
 */

export const SNIPPET_FILE: Record<Language, string> = {
  python: 'python.py',
  java: 'java.java',
  c: 'c.c',
  cpp: 'cpp.cpp',
  javascript: 'javascript.js',
};

const DictationMeta = z.looseObject({
  algorithm: DictationInput.shape.algorithm,
  title: LocalizedText,
  explanation: LocalizedText,
});

export function parseDictationFolder(folderName: string, files: FolderFiles): DictationInput[] {
  const raw = files.get('meta.json');
  if (!raw) throw new FolderError(['meta.json is missing']);
  let meta: z.infer<typeof DictationMeta>;
  try {
    const parsed = DictationMeta.safeParse(JSON.parse(raw.toString('utf8')));
    if (!parsed.success)
      throw new FolderError(parsed.error.issues.map((i) => `meta.json ${i.path.join('.')}: ${i.message}`));
    meta = parsed.data;
  } catch (error) {
    if (error instanceof FolderError) throw error;
    throw new FolderError([`meta.json is not JSON: ${(error as Error).message}`]);
  }
  if (meta.algorithm !== folderName)
    throw new FolderError([`meta.json algorithm ${meta.algorithm} is not the folder's name ${folderName}`]);

  const snippets: DictationInput[] = [];
  for (const language of Language.options) {
    const code = files.get(SNIPPET_FILE[language])?.toString('utf8');
    if (!code?.trim()) continue;
    snippets.push({
      language,
      algorithm: meta.algorithm,
      title: meta.title,
      explanation: meta.explanation,
      code,
    });
  }
  if (snippets.length === 0) throw new FolderError(['no snippet files (python.py, java.java, …)']);
  return snippets;
}
