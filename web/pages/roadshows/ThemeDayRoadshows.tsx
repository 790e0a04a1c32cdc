/** The theme day's roadshows (apply, lineup, published results) and the link to its virtual exhibition hall on its public page. */
import { ThemeDayRoadshowsSection } from './portal.tsx';

export function ThemeDayRoadshows({ themeDayId }: { themeDayId: string }) {
  return <ThemeDayRoadshowsSection themeDayId={themeDayId} />;
}
