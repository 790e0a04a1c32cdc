/** Sessions whose registration is open now (home page). */
export function OpenSessions() {
  return null;
}
