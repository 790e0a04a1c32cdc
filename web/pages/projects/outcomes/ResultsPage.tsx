/** Placeholder: filled in by the projects pages work (issue 10). */
export function ResultsPage() {
  return null;
}
