import type { Database } from '@corazy/database';
import type { DictationInput, Language } from '@corazy/contracts';
import type { DictationRecord, DictationRepository, SaveOutcome } from '../domain/ports.js';
import { translateUniqueViolation, UUID } from './sql-helpers.js';

/** Dictation snippets (`compile.dictations`). */

interface DictationRow {
  id: string;
  language: Language;
  algorithm: string;
  title_ko: string;
  title_en: string;
  explanation_ko: string;
  explanation_en: string;
  code: string;
}
const DICTATION_COLUMNS = 'id, language, algorithm, title_ko, title_en, explanation_ko, explanation_en, code';
const toDictation = (row: DictationRow): DictationRecord => ({
  id: row.id,
  language: row.language,
  algorithm: row.algorithm,
  title: { ko: row.title_ko, en: row.title_en },
  explanation: { ko: row.explanation_ko, en: row.explanation_en },
  code: row.code,
});
const dictationValues = (s: DictationInput) => [
  s.language,
  s.algorithm,
  s.title.ko,
  s.title.en,
  s.explanation.ko,
  s.explanation.en,
  s.code,
];

export class SqlDictationRepository implements DictationRepository {
  constructor(private readonly db: Database) {}

  async list(filter: { language?: Language; algorithm?: string }) {
    const rows = await this.db.query<DictationRow>(
      `SELECT ${DICTATION_COLUMNS} FROM compile.dictations
       WHERE ($1::text IS NULL OR language = $1) AND ($2::text IS NULL OR algorithm = $2)
       ORDER BY algorithm, language`,
      [filter.language ?? null, filter.algorithm ?? null],
    );
    return rows.map(toDictation);
  }

  async find(id: string) {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.db.query<DictationRow>(
      `SELECT ${DICTATION_COLUMNS} FROM compile.dictations WHERE id = $1`,
      [id],
    );
    return row && toDictation(row);
  }

  async seed(snippet: DictationInput, seedHash: string): Promise<SaveOutcome> {
    const [row] = await this.db.query<{ inserted: boolean }>(
      `INSERT INTO compile.dictations
         (language, algorithm, title_ko, title_en, explanation_ko, explanation_en, code, origin, seed_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'catalogue', $8)
       ON CONFLICT (algorithm, language) DO UPDATE SET
         title_ko = EXCLUDED.title_ko, title_en = EXCLUDED.title_en, explanation_ko = EXCLUDED.explanation_ko,
         explanation_en = EXCLUDED.explanation_en, code = EXCLUDED.code, seed_hash = EXCLUDED.seed_hash,
         updated_at = now()
       WHERE compile.dictations.seed_hash IS DISTINCT FROM EXCLUDED.seed_hash
       RETURNING (xmax = 0) AS inserted`,
      [...dictationValues(snippet), seedHash],
    );
    return row ? (row.inserted ? 'created' : 'updated') : 'unchanged';
  }

  async create(snippet: DictationInput) {
    const [row] = await this.db
      .query<DictationRow>(
        `INSERT INTO compile.dictations
           (language, algorithm, title_ko, title_en, explanation_ko, explanation_en, code, origin)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'admin') RETURNING ${DICTATION_COLUMNS}`,
        dictationValues(snippet),
      )
      .catch(translateUniqueViolation(`a ${snippet.language} snippet of ${snippet.algorithm}`));
    return toDictation(row!);
  }

  async update(id: string, snippet: DictationInput) {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.db
      .query<DictationRow>(
        `UPDATE compile.dictations SET language = $2, algorithm = $3, title_ko = $4, title_en = $5,
           explanation_ko = $6, explanation_en = $7, code = $8, updated_at = now()
         WHERE id = $1 RETURNING ${DICTATION_COLUMNS}`,
        [id, ...dictationValues(snippet)],
      )
      .catch(translateUniqueViolation(`a ${snippet.language} snippet of ${snippet.algorithm}`));
    return row && toDictation(row);
  }

  async delete(id: string) {
    if (!UUID.test(id)) return false;
    const rows = await this.db.query('DELETE FROM compile.dictations WHERE id = $1 RETURNING id', [id]);
    return rows.length > 0;
  }
}
