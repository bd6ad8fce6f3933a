import { Link } from 'react-router';
import type { RankingList } from '@corazy/contracts';
import { api, useAuth } from '../auth/auth.js';
import { useI18n } from '../i18n/i18n.js';
import { AsyncView, useAsync } from '../ui/common.js';

export function LobbyPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [ranking, retry] = useAsync(
    (signal) => api.get<RankingList>('/api/rankings?by=cpm&limit=10', { signal }),
    [],
  );
  return (
    <main className="page lobby" id="main">
      <h1>{t('lobby.welcome', { nickname: user?.nickname ?? '' })}</h1>
      <div className="lobby-grid">
        <section aria-labelledby="modes-title">
          <h2 id="modes-title">{t('lobby.modes')}</h2>
          <ul className="card-grid">
            <li>
              <Link className="card link-card mode" to="/challenge">
                <strong>{t('nav.challenge')}</strong>
                <span className="muted">{t('lobby.challenge.desc')}</span>
              </Link>
            </li>
            <li>
              <Link className="card link-card mode" to="/dictation">
                <strong>{t('nav.dictation')}</strong>
                <span className="muted">{t('lobby.dictation.desc')}</span>
              </Link>
            </li>
          </ul>
        </section>
        <aside aria-labelledby="ranking-title" className="card">
          <h2 id="ranking-title">{t('lobby.ranking')}</h2>
          <AsyncView state={ranking} retry={retry}>
            {(list) =>
              list.items.length === 0 ? (
                <p className="muted">{t('lobby.ranking.empty')}</p>
              ) : (
                <ol className="ranking">
                  {list.items.map((entry) => (
                    <li key={entry.userId}>
                      <span className="rank">{entry.rank}</span> {entry.nickname}{' '}
                      <strong>{entry.value} CPM</strong>
                    </li>
                  ))}
                </ol>
              )
            }
          </AsyncView>
        </aside>
      </div>
    </main>
  );
}
