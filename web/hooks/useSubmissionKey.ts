/**
 * One Idempotency-Key per form submission (server/plugins/idempotency.ts): `keyFor(body)` gives the same key
 * for as long as the same values are sent — a double click, a retry after a network error or a timeout — so the
 * server answers them all with the first request's result and creates once. Changed values get a new key (a
 * different submission), and so does the next submission after a success (`done()`).
 *
 *   const submission = useSubmissionKey();
 *   useMutation({
 *     mutationFn: (body) => api.post('/demands', body, { idempotencyKey: submission.keyFor(body) }),
 *     onSuccess: () => submission.done(),
 *   });
 */
import { useState } from 'react';
import { newIdempotencyKey } from '../api/client.ts';

export interface SubmissionKey {
  /** The key for sending `body`: the current one if the values are unchanged, else a new one. */
  keyFor(body: unknown): string;
  /** The submission succeeded: the next one, even with the same values, is a new request. */
  done(): void;
}

/** Pure state behind the hook (exported for its unit test). */
export function submissionKeys(make: () => string = newIdempotencyKey): SubmissionKey {
  let current: { key: string; values: string } | null = null;
  return {
    keyFor(body) {
      const values = JSON.stringify(body ?? null);
      if (!current || current.values !== values) current = { key: make(), values };
      return current.key;
    },
    done() {
      current = null;
    },
  };
}

export function useSubmissionKey(): SubmissionKey {
  // One mutable holder per mounted form; it is read only in event handlers and mutation functions.
  const [keys] = useState(() => submissionKeys());
  return keys;
}
