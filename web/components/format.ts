/** Display helpers. Instants are shown in Beijing time whatever the browser's zone. */
import { daysBetween, formatShanghai, shanghaiToday } from '../../common/time.ts';
import { DEPARTMENT_LABELS, type Department } from '../../common/roles.ts';

export function fmtDateTime(v: string | null | undefined): string {
  if (!v) return '—';
  try {
    return formatShanghai(v, 'datetime');
  } catch {
    return v;
  }
}

export function fmtDate(v: string | null | undefined): string {
  if (!v) return '—';
  try {
    return formatShanghai(v, 'date');
  } catch {
    return v;
  }
}

/** "2020年9月15日—16日" style range for theme days ('YYYY-MM-DD'). */
export function fmtDateRange(start: string, end: string): string {
  if (start === end) return fmtDate(start);
  const [ys, ms] = start.split('-');
  const [ye, me, de] = end.split('-');
  if (ys === ye && ms === me) return `${fmtDate(start)}—${Number(de)}日`;
  if (ys === ye) return `${fmtDate(start)}—${Number(me)}月${Number(de)}日`;
  return `${fmtDate(start)}—${fmtDate(end)}`;
}

/** Days from today (Shanghai) to a 'YYYY-MM-DD' date; negative when past. */
export function daysUntil(date: string, now: Date = new Date()): number {
  return daysBetween(shanghaiToday(now), date.slice(0, 10));
}

/** A department (指导部门) by its code, in Chinese; the code itself when unknown. */
export function deptLabel(code: string | null | undefined): string {
  if (!code) return '';
  return DEPARTMENT_LABELS[code as Department]?.zh ?? code;
}
