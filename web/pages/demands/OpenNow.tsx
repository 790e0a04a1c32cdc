/** What is open now across the content areas (home page): demands taking responses, resources taking requests, results open to take-up. */
export function OpenNow() {
  return null;
}
