/**
 * Safe forms (issue 15): an editor's unsaved state kept on the server (/api/form-drafts/:key, the caller's
 * own), so a closed tab, a crash or a dead battery loses nothing typed since the last save.
 *
 * - While `dirty`, the snapshot is written 3 s after the last change (and at once when the person leaves
 *   through the unsaved-changes confirm, or the tab is hidden).
 * - When the editor opens and a draft newer than the record (`savedAt`) is there, `onRestore` puts it in
 *   the form and `restoredAt` says when it was written (components/DraftNotice.tsx shows it with 放弃草稿);
 *   a draft older than the record is stale and is deleted.
 * - `clear()` after a successful save deletes it; `discard()` deletes it and the editor goes back to the
 *   saved record. Writes and deletes run one after another, so a write still on the wire cannot bring a
 *   deleted draft back.
 * - When the tab is hidden or closed, whatever differs from the last snapshot written is sent at once as a
 *   keepalive request, outside that queue: the page may be gone before a queued write would start, and the
 *   last keystroke may not have re-rendered the editor yet (so no 3 s timer may be running for it).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { DraftSaved, DraftView } from '../api/drafts.ts';
import { errorMessage } from '../components/errors.ts';

export interface ServerDraft {
  /** When the draft that was restored into the editor was written; null once saved or discarded. */
  restoredAt: string | null;
  /** When the latest snapshot reached the server (this visit). */
  savedAt: string | null;
  /** Why the last write failed, if it did. */
  error: string | null;
  /** Deletes the draft after the record was saved. */
  clear: () => void;
  /** Deletes the draft at the person's request (放弃草稿). */
  discard: () => Promise<void>;
  /** Writes a pending snapshot now. */
  flush: () => void;
}

export function useServerDraft<T extends Record<string, unknown>>(opts: {
  /** `<form>:<record id>`, e.g. `plan:<id>` (common/contracts/drafts.ts DRAFT_KEY_PATTERN). */
  key: string;
  dirty: boolean;
  /** The editor's current values as plain JSON (called when a write is due). */
  snapshot: () => T;
  /** Changes whenever the values change (e.g. Form.useWatch's result): restarts the 3 s wait. */
  values: unknown;
  /** When the record itself was last saved: an older draft is stale. */
  recordSavedAt?: string | null;
  onRestore: (data: T) => void;
  delayMs?: number;
  /** False while the record is not editable: nothing is read or written. */
  enabled?: boolean;
}): ServerDraft {
  const { key, dirty, values, delayMs = 3000, enabled = true } = opts;
  const [loaded, setLoaded] = useState(false);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The last snapshot sent or restored, as JSON: leaving the tab writes only what differs from it. */
  const written = useRef<string | null>(null);
  const loadedRef = useRef(false);
  const enqueue = useCallback(<R>(op: () => Promise<R>): Promise<R> => {
    const next = chain.current.then(op, op);
    chain.current = next.catch(() => undefined);
    return next;
  }, []);

  /**
   * Writes a snapshot: through the queue, or (`leaving`) at once as a keepalive request, outside the queue,
   * because the page may be gone before a queued write would start.
   */
  const writeSnapshot = useCallback(
    (data: T, json: string, leaving: boolean) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      written.current = json;
      const put = () =>
        api.put<DraftSaved>(
          `/form-drafts/${key}`,
          { data },
          leaving ? { keepalive: new TextEncoder().encode(json).length < 60_000 } : undefined,
        );
      void (leaving ? put() : enqueue(put)).then(
        (r) => {
          setSavedAt(r.updatedAt);
          setError(null);
        },
        (e: unknown) => setError(errorMessage(e)),
      );
    },
    [enqueue, key],
  );
  const write = useCallback(() => {
    const data = latest.current.snapshot();
    writeSnapshot(data, JSON.stringify(data), false);
  }, [writeSnapshot]);

  // Open: restore a newer draft, drop a stale one.
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api
      .get<DraftView>(`/form-drafts/${key}`)
      .then((d) => {
        if (!live) return;
        const recordAt = latest.current.recordSavedAt;
        if (recordAt && d.updatedAt <= recordAt) {
          void enqueue(() => api.delete(`/form-drafts/${key}`)).catch(() => undefined);
        } else {
          latest.current.onRestore(d.data as T);
          written.current = JSON.stringify(d.data);
          setRestoredAt(d.updatedAt);
        }
      })
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 404) && live) setError(errorMessage(e));
      })
      .finally(() => {
        if (!live) return;
        loadedRef.current = true;
        setLoaded(true);
      });
    return () => {
      live = false;
    };
  }, [key, enqueue, enabled]);

  // Typing: write 3 s after the last change while there is something unsaved.
  useEffect(() => {
    if (!enabled || !loaded || !dirty) return;
    timer.current = setTimeout(write, delayMs);
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [enabled, loaded, dirty, values, delayMs, write]);

  const flush = useCallback(() => {
    if (timer.current) write();
  }, [write]);

  // Hiding or closing the tab: send what differs from the last write now, as a request that outlives the page.
  const sendNow = useCallback(() => {
    const o = latest.current;
    if (o.enabled === false || !loadedRef.current || !o.dirty) return;
    const data = o.snapshot();
    const json = JSON.stringify(data);
    if (json !== written.current) writeSnapshot(data, json, true);
  }, [writeSnapshot]);
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') sendNow();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', sendNow);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', sendNow);
    };
  }, [sendNow]);

  const remove = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    written.current = null;
    setRestoredAt(null);
    setSavedAt(null);
    setError(null);
    return enqueue(() => api.delete(`/form-drafts/${key}`));
  }, [enqueue, key]);

  const clear = useCallback(() => {
    void remove().catch(() => undefined);
  }, [remove]);

  const discard = useCallback(async () => {
    await remove();
  }, [remove]);

  return { restoredAt, savedAt, error, clear, discard, flush };
}
