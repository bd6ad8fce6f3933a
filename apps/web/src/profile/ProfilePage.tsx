import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Nickname, type PlayerProfile, type SubmissionList, type User } from '@corazy/contracts';
import { api, useAuth } from '../auth/auth.js';
import { KeepAccountButton } from '../auth/GuestAccount.js';
import { useI18n } from '../i18n/i18n.js';
import { AsyncView, ErrorBox, LANGUAGE_NAMES, formatTime, useAsync } from '../ui/common.js';

/** A player's page: `/profile` is one's own (with challenge figures and the nickname form), `/profile/:userId` anyone's. */
export function ProfilePage() {
  const { userId: param } = useParams();
  const { user } = useAuth();
  const userId = param ?? user?.id ?? '';
  const own = userId === user?.id;
  const [state, retry] = useAsync(
    (signal) => api.get<PlayerProfile>(`/api/relay/players/${encodeURIComponent(userId)}`, { signal }),
    [userId],
  );
  return (
    <main className="page wide profile" id="main">
      <AsyncView state={state} retry={retry}>
        {(profile) => <Profile profile={profile} own={own} user={own ? user : null} />}
      </AsyncView>
    </main>
  );
}

function Profile({ profile, own, user }: { profile: PlayerProfile; own: boolean; user: User | null }) {
  const { t, locale } = useI18n();
  const nickname = (own ? user?.nickname : profile.nickname) ?? t('profile.unknown');
  const when = (ms: number) => new Date(ms).toLocaleDateString(locale === 'ko' ? 'ko-KR' : 'en-US');
  return (
    <>
      <h1 data-testid="profile-nickname">
        {nickname}
        {own && user?.role === 'GUEST' && <small className="muted"> · {t('common.guest')}</small>}
      </h1>
      {own && <KeepAccountButton className="button primary" />}
      <ul className="stat-grid" aria-label={t('profile.stats')}>
        <li className="card stat">
          <span className="muted">{t('profile.rating')}</span>
          <strong data-testid="profile-rating">
            {profile.rating === null ? '—' : Math.round(profile.rating)}
          </strong>
          <span className="muted small">
            {profile.ratingRank ? t('profile.rank', { rank: profile.ratingRank }) : t('profile.unranked')}
          </span>
        </li>
        <li className="card stat">
          <span className="muted">{t('profile.bestCpm')}</span>
          <strong data-testid="profile-cpm">{profile.bestCpm ?? '—'}</strong>
          <span className="muted small">
            {profile.cpmRank ? t('profile.rank', { rank: profile.cpmRank }) : t('profile.unranked')}
          </span>
        </li>
        <li className="card stat">
          <span className="muted">{t('profile.games')}</span>
          <strong>{profile.games.length}</strong>
          <span className="muted small">
            {t('profile.solved', { count: profile.games.filter((g) => g.outcome === 'SOLVED').length })}
          </span>
        </li>
      </ul>
      {own && <ChallengeStats />}
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('profile.history')}</h2>
        {profile.games.length === 0 ? (
          <p className="muted">{t('profile.history.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="game-history">
              <thead>
                <tr>
                  <th scope="col">{t('profile.date')}</th>
                  <th scope="col">{t('room.problem')}</th>
                  <th scope="col">{t('room.language')}</th>
                  <th scope="col">{t('room.result')}</th>
                  <th scope="col">{t('profile.team')}</th>
                  <th scope="col">{t('profile.rating')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('replay.title')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {profile.games.map((game) => (
                  <tr key={game.gameId}>
                    <td>{when(game.endedAt)}</td>
                    <td>{game.problem.title[locale]}</td>
                    <td>{LANGUAGE_NAMES[game.language]}</td>
                    <td>
                      {t(`room.outcome.${game.outcome}`)}{' '}
                      <span className="muted small">{formatTime(game.endedAt - game.startedAt)}</span>
                    </td>
                    <td>
                      {game.players.map((p, index) => (
                        <span key={p.userId}>
                          {index > 0 && ', '}
                          {p.userId === profile.userId ? (
                            p.nickname
                          ) : (
                            <Link to={`/profile/${p.userId}`}>{p.nickname}</Link>
                          )}
                        </span>
                      ))}
                    </td>
                    <td>
                      {game.rating ? (
                        <RatingChange before={game.rating.before} after={game.rating.after} />
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      <Link className="button small" to={`/replay/${game.gameId}`}>
                        {t('replay.watch')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="dictation-title">
        <h2 id="dictation-title">{t('nav.dictation')}</h2>
        <p>
          {profile.bestCpm === null
            ? t('profile.dictation.none')
            : t('profile.dictation.best', { cpm: profile.bestCpm, rank: profile.cpmRank ?? '—' })}{' '}
          {own && <Link to="/dictation">{t('profile.dictation.go')}</Link>}
        </p>
        {profile.dictations.length > 0 && (
          <div className="table-scroll">
            <table className="table" data-testid="dictation-history">
              <thead>
                <tr>
                  <th scope="col">{t('profile.date')}</th>
                  <th scope="col">{t('dictation.reference')}</th>
                  <th scope="col">{t('room.language')}</th>
                  <th scope="col">CPM</th>
                  <th scope="col">{t('dictation.accuracy')}</th>
                  <th scope="col">{t('dictation.time')}</th>
                </tr>
              </thead>
              <tbody>
                {profile.dictations.map((run, index) => (
                  <tr key={`${run.at}-${index}`}>
                    <td>{when(run.at)}</td>
                    <td>{run.title[locale]}</td>
                    <td>{LANGUAGE_NAMES[run.language]}</td>
                    <td>{run.cpm}</td>
                    <td>{run.accuracy.toFixed(1)}%</td>
                    <td>{formatTime(run.durationMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {own && user && <NicknameForm user={user} />}
    </>
  );
}

export function RatingChange({ before, after }: { before: number; after: number }) {
  const delta = Math.round(after - before);
  return (
    <span className={delta >= 0 ? 'delta up' : 'delta down'}>
      {Math.round(after)} ({delta >= 0 ? `+${delta}` : delta})
    </span>
  );
}

/** One's own challenge figures, from the latest submissions (the list is private to its author). */
function ChallengeStats() {
  const { t } = useI18n();
  const [state, retry] = useAsync(
    (signal) => api.get<SubmissionList>('/api/submissions?mine=1&limit=100', { signal }),
    [],
  );
  return (
    <section className="card" aria-labelledby="challenge-stats-title">
      <h2 id="challenge-stats-title">{t('profile.challenge')}</h2>
      <AsyncView state={state} retry={retry}>
        {(list) => {
          // Relay judgements carry their room; samples-only runs are not attempts.
          const attempts = list.items.filter((s) => s.roomId === null && s.mode === 'full');
          const accepted = attempts.filter((s) => s.verdict === 'ACCEPTED');
          const solved = new Set(accepted.map((s) => s.problem.slug));
          return (
            <p data-testid="challenge-stats">
              {t('profile.challenge.figures', {
                submissions: attempts.length,
                accepted: accepted.length,
                solved: solved.size,
              })}
              {list.nextCursor && ` ${t('profile.challenge.latest')}`}{' '}
              <Link to="/submissions">{t('nav.submissions')}</Link>
            </p>
          );
        }}
      </AsyncView>
    </section>
  );
}

function NicknameForm({ user }: { user: User }) {
  const { t } = useI18n();
  const [nickname, setNickname] = useState(user.nickname);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const valid = Nickname.safeParse(nickname.trim()).success;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    setError(null);
    setSaved(false);
    api.request<User>('PATCH', '/api/auth/me', { body: { nickname: nickname.trim() } }).then(
      (updated) => {
        api.updateUser(updated);
        setSaved(true);
      },
      (caught: unknown) => setError(caught),
    );
  };
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="nickname-title">
      <h2 id="nickname-title">{t('profile.nickname.change')}</h2>
      <div className="field">
        <label htmlFor="profile-nickname">{t('signin.nickname')}</label>
        <input
          id="profile-nickname"
          value={nickname}
          maxLength={20}
          aria-invalid={!valid}
          aria-describedby="profile-nickname-help"
          onChange={(event) => setNickname(event.target.value)}
        />
        <small id="profile-nickname-help" className="muted">
          {valid ? t('signin.nickname.help') : t('signin.nickname.invalid')}
        </small>
      </div>
      {error !== null && <ErrorBox error={error} />}
      {saved && (
        <p role="status" className="ok-text">
          {t('profile.nickname.saved')}
        </p>
      )}
      <button type="submit" className="button primary" disabled={!valid || nickname.trim() === user.nickname}>
        {t('profile.nickname.save')}
      </button>
    </form>
  );
}
