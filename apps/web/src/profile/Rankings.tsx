import { useId, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { RankingList } from '@corazy/contracts';
import { api, useAuth } from '../auth/auth.js';
import { useI18n } from '../i18n/i18n.js';
import { AsyncView, useAsync } from '../ui/common.js';

const BOARDS = ['rating', 'cpm'] as const;
type Board = (typeof BOARDS)[number];

/** The lobby's top ten, by relay rating or best dictation CPM: a tab list (arrow keys move between tabs). */
export function Rankings() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [board, setBoard] = useState<Board>('rating');
  const [state, retry] = useAsync(
    (signal) => api.get<RankingList>(`/api/rankings?by=${board}&limit=10`, { signal }),
    [board],
  );
  const id = useId();
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = BOARDS[(BOARDS.indexOf(board) + 1) % BOARDS.length]!;
    setBoard(next);
    document.getElementById(`${id}-${next}`)?.focus();
  };
  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t('lobby.ranking')}</h2>
      <div className="tabs" role="tablist" aria-label={t('lobby.ranking')} onKeyDown={onKeyDown}>
        {BOARDS.map((tab) => (
          <button
            key={tab}
            id={`${id}-${tab}`}
            type="button"
            role="tab"
            aria-selected={board === tab}
            aria-controls={`${id}-panel`}
            tabIndex={board === tab ? 0 : -1}
            onClick={() => setBoard(tab)}
          >
            {t(`lobby.ranking.${tab}`)}
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-${board}`} data-testid="ranking">
        <AsyncView state={state} retry={retry}>
          {(list) =>
            list.items.length === 0 ? (
              <p className="muted">{t('lobby.ranking.empty')}</p>
            ) : (
              <ol className="ranking">
                {list.items.map((entry) => (
                  <li key={entry.userId} className={entry.userId === user?.id ? 'me' : ''}>
                    <span className="rank">{entry.rank}</span>{' '}
                    <Link to={entry.userId === user?.id ? '/profile' : `/profile/${entry.userId}`}>
                      {entry.nickname}
                    </Link>{' '}
                    <strong>{list.by === 'cpm' ? `${entry.value} CPM` : Math.round(entry.value)}</strong>
                  </li>
                ))}
              </ol>
            )
          }
        </AsyncView>
      </div>
    </section>
  );
}
