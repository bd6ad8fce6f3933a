import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ProblemList, ProblemSummary } from '@corazy/contracts';
import { api } from '../auth/auth.js';
import { useI18n } from '../i18n/i18n.js';
import { AsyncView, ErrorBox, LANGUAGES, LANGUAGE_NAMES, useAsync } from '../ui/common.js';

const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

function query(params: URLSearchParams, cursor?: string) {
  const search = new URLSearchParams();
  for (const key of ['tag', 'difficulty', 'language', 'q']) {
    const value = params.get(key);
    if (value) search.set(key, value);
  }
  search.set('limit', '20');
  if (cursor) search.set('cursor', cursor);
  return `/api/problems?${search}`;
}

export function DifficultyBadge({ difficulty }: { difficulty: ProblemSummary['difficulty'] }) {
  const { t } = useI18n();
  return <span className={`badge difficulty-${difficulty}`}>{t(`difficulty.${difficulty}`)}</span>;
}

export function ProblemListPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [state, retry, setState] = useAsync(
    (signal) => api.get<ProblemList>(query(params), { signal }),
    [params.toString()],
  );
  const [allTags, setAllTags] = useState<string[]>([]);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    // Every tag of the catalogue, for the filter (the catalogue is small: one page of 100).
    api.get<ProblemList>('/api/problems?limit=100').then(
      (list) => setAllTags([...new Set(list.items.flatMap((p) => p.tags))].sort()),
      () => undefined,
    );
  }, []);

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setFilter('q', search.trim());
  };
  const loadMore = async (page: ProblemList) => {
    if (!page.nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await api.get<ProblemList>(query(params, page.nextCursor));
      setState({
        status: 'done',
        value: { items: [...page.items, ...next.items], nextCursor: next.nextCursor },
      });
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <main className="page" id="main">
      <h1>{t('challenge.title')}</h1>
      <div className="filters">
        <form onSubmit={submitSearch} role="search" className="search">
          <label htmlFor="problem-search" className="visually-hidden">
            {t('challenge.search')}
          </label>
          <input
            id="problem-search"
            type="search"
            placeholder={t('challenge.search.placeholder')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <button className="button" type="submit">
            {t('challenge.search')}
          </button>
        </form>
        <label>
          {t('challenge.difficulty')}
          <select
            value={params.get('difficulty') ?? ''}
            onChange={(event) => setFilter('difficulty', event.target.value)}
          >
            <option value="">{t('challenge.any')}</option>
            {DIFFICULTIES.map((d) => (
              <option key={d} value={d}>
                {t(`difficulty.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('challenge.language')}
          <select
            value={params.get('language') ?? ''}
            onChange={(event) => setFilter('language', event.target.value)}
          >
            <option value="">{t('challenge.any')}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('challenge.tag')}
          <select value={params.get('tag') ?? ''} onChange={(event) => setFilter('tag', event.target.value)}>
            <option value="">{t('challenge.any')}</option>
            {allTags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </label>
      </div>
      <AsyncView state={state} retry={retry}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="empty">{t('challenge.empty')}</p>
          ) : (
            <>
              <table className="table" aria-label={t('challenge.title')}>
                <thead>
                  <tr>
                    <th scope="col">{t('challenge.col.number')}</th>
                    <th scope="col">{t('challenge.col.title')}</th>
                    <th scope="col">{t('challenge.col.difficulty')}</th>
                    <th scope="col" className="hide-narrow">
                      {t('challenge.col.tags')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((problem) => (
                    <tr key={problem.id}>
                      <td>{problem.number}</td>
                      <td>
                        <Link
                          to={`/challenge/${problem.slug}${params.get('language') ? `?lang=${params.get('language')}` : ''}`}
                        >
                          {problem.title[locale]}
                        </Link>
                      </td>
                      <td>
                        <DifficultyBadge difficulty={problem.difficulty} />
                      </td>
                      <td className="hide-narrow">
                        {problem.tags.map((tag) => (
                          <button
                            key={tag}
                            type="button"
                            className="tag"
                            onClick={() => setFilter('tag', tag)}
                          >
                            {tag}
                          </button>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {moreError !== null && <ErrorBox error={moreError} />}
              {page.nextCursor && (
                <button
                  className="button"
                  type="button"
                  disabled={loadingMore}
                  onClick={() => void loadMore(page)}
                >
                  {t('common.more')}
                </button>
              )}
            </>
          )
        }
      </AsyncView>
    </main>
  );
}
