/** The theme day's 1:1 meeting sessions (join / request meetings) on its public page. */
export function ThemeDayMeetings({ themeDayId: _themeDayId }: { themeDayId: string }) {
  return null;
}
