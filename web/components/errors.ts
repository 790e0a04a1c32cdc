/** Error text for people: what a toast, alert or inline message shows for anything a request threw. */
import { ApiError } from '../api/client.ts';

/** An ApiError's display text (the server's detail, else its localised title); anything else as a string. */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.display : String(err);
}
