import { fmtDateTime } from './format.ts';

/** A table cell with a Beijing-time instant on one line. */
export function dateCell(v: string | null | undefined) {
  return <span className="rt-nowrap">{fmtDateTime(v)}</span>;
}
