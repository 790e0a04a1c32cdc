/** The theme day's roadshows (apply, lineup, published results) and the link to its virtual exhibition hall on its public page. */
export function ThemeDayRoadshows({ themeDayId: _themeDayId }: { themeDayId: string }) {
  return null;
}
