/**
 * A 12-month overview of one year's theme days: each month lists the theme days that touch it. Used on
 * the portal and on the owner's scheduling page (where `renderExtra` adds edit/remove actions).
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { shanghaiToday } from '../../common/time.ts';
import { useI18n } from '../i18n/index.tsx';
import { fmtDateRange, fmtMonth } from './format.ts';

export interface CalendarDay {
  id: string;
  title: string;
  theme: string;
  startDate: string;
  endDate: string;
  hostShortName: string;
}

function monthRange(year: number, m: number): [string, string] {
  const mm = String(m).padStart(2, '0');
  return [`${year}-${mm}-01`, `${year}-${mm}-31`];
}

export function YearCalendar({
  year,
  days,
  linkTo,
  renderExtra,
  headingLevel = 3,
  testId = 'year-calendar',
}: {
  year: number;
  days: CalendarDay[];
  linkTo?: (d: CalendarDay) => string;
  renderExtra?: (d: CalendarDay) => ReactNode;
  headingLevel?: 2 | 3;
  testId?: string;
}) {
  // Month names and dates are written in the UI language: subscribe to it so a switch redraws the calendar.
  useI18n();
  const today = shanghaiToday();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="rt-cal-grid" data-testid={testId}>
      {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => {
        const [from, to] = monthRange(year, m);
        const inMonth = days
          .filter((d) => d.startDate <= to && d.endDate >= from)
          .sort((a, b) => a.startDate.localeCompare(b.startDate));
        return (
          <section key={m} className="rt-cal-month" aria-label={fmtMonth(m)}>
            <H>{fmtMonth(m)}</H>
            {inMonth.length === 0 ? <div className="rt-cal-empty">—</div> : null}
            {inMonth.map((d) => {
              const label = (
                <>
                  <strong>{d.hostShortName}</strong> · {fmtDateRange(d.startDate, d.endDate, { withYear: false })}
                  <br />
                  {d.theme}
                </>
              );
              return (
                <div key={d.id}>
                  {linkTo ? (
                    <Link
                      to={linkTo(d)}
                      className={`rt-cal-item${d.endDate < today ? ' is-past' : ''}`}
                      data-testid={`calendar-item-${d.id}`}
                    >
                      {label}
                    </Link>
                  ) : (
                    <div
                      className={`rt-cal-item${d.endDate < today ? ' is-past' : ''}`}
                      data-testid={`calendar-item-${d.id}`}
                    >
                      {label}
                    </div>
                  )}
                  {renderExtra ? renderExtra(d) : null}
                </div>
              );
            })}
          </section>
        );
      })}
    </div>
  );
}
