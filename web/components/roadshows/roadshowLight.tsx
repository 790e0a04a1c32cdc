/**
 * A roadshow's public pieces in plain markup (no antd): status tag, time and score formats, the lineup and the
 * published ranking, for the portal's light roadshow page; RoadshowParts.tsx re-exports what antd pages share.
 */
import { LightNotice, LightTag, type LightTone } from '../LightParts.tsx';
import { fmtDateTime, punct } from '../format.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import type { PublicRoadshow, RoadshowStatus, SessionRef } from '../../api/roadshows.ts';

export const RS_TONE: Record<RoadshowStatus, LightTone> = { collecting: 'blue', scoring: 'orange', closed: 'green' };

export const fmtScore = (v: number | null | undefined): string => (v == null ? '—' : v.toFixed(2));

/** "2026年12月19日 14:00—17:00" for a session on one day. */
export function sessionTime(s: Pick<SessionRef, 'startsAt' | 'endsAt'>): string {
  const a = fmtDateTime(s.startsAt);
  const b = fmtDateTime(s.endsAt);
  const [da, ta] = [a.slice(0, a.lastIndexOf(' ')), a.slice(a.lastIndexOf(' ') + 1)];
  const [db, tb] = [b.slice(0, b.lastIndexOf(' ')), b.slice(b.lastIndexOf(' ') + 1)];
  return da === db ? `${da} ${ta}—${tb}` : `${a}—${b}`;
}

export function RoadshowStatusLightTag({ status }: { status: RoadshowStatus }) {
  const t = useT();
  return (
    <LightTag tone={RS_TONE[status]} testId="roadshow-status">
      {t(`roadshows.status.${status}` as MessageKey)}
    </LightTag>
  );
}

/** The public running order of a roadshow (or a note that it is not out yet). */
export function Lineup({ r }: { r: PublicRoadshow }) {
  const t = useT();
  if (!r.lineup.length) return <div style={{ color: '#595959' }}>{t('roadshows.public.lineupPending')}</div>;
  return (
    <ol style={{ paddingInlineStart: 20, margin: 0 }} data-testid="public-lineup">
      {r.lineup.map((p) => (
        <li key={`${p.order}-${p.name}`} style={{ marginBottom: 6 }}>
          <b>{p.name}</b>{' '}
          <span style={{ color: '#595959' }}>
            {p.organisationName} · {p.field} · {p.stageLabel}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The published ranking of a roadshow as a table (or a note that it is not published yet). */
export function ResultsTable({ r }: { r: PublicRoadshow }) {
  const t = useT();
  const { colon } = punct();
  if (!r.results) return <LightNotice tone="info" title={t('roadshows.public.notPublished')} />;
  return (
    // Focusable, so a keyboard can scroll it sideways when it is wider than its card (axe: scrollable-region-focusable).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="rt-lp-table-wrap" tabIndex={0} role="region" aria-label={t('roadshows.public.results')}>
      {/* On a phone one block per project (labels from data-label), wider: a table. */}
      <table className="rt-lp-table is-stacked" data-testid="public-results">
        <thead>
          <tr>
            <th scope="col" style={{ width: 56 }}>
              {t('roadshows.ranking.rank')}
            </th>
            <th scope="col">{t('roadshows.ranking.project')}</th>
            <th scope="col" style={{ width: 96 }}>
              {t('roadshows.ranking.average')}
            </th>
            <th scope="col" style={{ width: 80 }}>
              {t('roadshows.ranking.valid')}
            </th>
            <th scope="col" style={{ width: 132 }}>
              {t('roadshows.ranking.intents')}
            </th>
          </tr>
        </thead>
        <tbody>
          {r.results.map((i) => (
            <tr key={i.rank}>
              <td>{i.rank}</td>
              <td>
                <b>{i.name}</b>
                <div style={{ color: '#595959' }}>{i.organisationName}</div>
              </td>
              <td data-label={`${t('roadshows.ranking.average')}${colon}`}>
                {i.average == null ? '—' : fmtScore(i.average)}
              </td>
              <td data-label={`${t('roadshows.ranking.valid')}${colon}`}>{i.judgesCounted}</td>
              <td data-label={`${t('roadshows.ranking.intents')}${colon}`}>
                {t('roadshows.ranking.intentsValue', { count: i.intents, sign: i.intentToSign })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
