/** The theme day's published content items by part (resources, demands, catalogues, results, docking) on its public page. */
export function ThemeDayContent({ themeDayId: _themeDayId }: { themeDayId: string }) {
  return null;
}
