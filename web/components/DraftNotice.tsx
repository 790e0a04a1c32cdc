/**
 * Server-side drafts on an editor (hooks/useServerDraft.ts): the notice that unsaved input was restored, with
 * 放弃草稿, and the quiet line saying when the draft was last written.
 */
import { Alert, Button, Popconfirm } from 'antd';
import { useT } from '../i18n/index.tsx';
import type { ServerDraft } from '../hooks/useServerDraft.ts';
import { fmtDateTime } from './format.ts';

export function DraftNotice({ draft, onDiscarded }: { draft: ServerDraft; onDiscarded: () => void }) {
  const t = useT();
  if (!draft.restoredAt) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="draft-restored"
      title={t('forms.draft.restored', { time: fmtDateTime(draft.restoredAt) })}
      description={t('forms.draft.restoredHint')}
      action={
        <Popconfirm
          title={t('forms.draft.discardConfirm')}
          okText={t('forms.draft.discard')}
          cancelText={t('forms.leave.stay')}
          okButtonProps={{ danger: true, 'data-testid': 'draft-discard-confirm' }}
          onConfirm={() => draft.discard().then(onDiscarded)}
        >
          <Button size="small" data-testid="draft-discard">
            {t('forms.draft.discard')}
          </Button>
        </Popconfirm>
      }
    />
  );
}

/** 「草稿已自动保存（10:32）」 next to 「有未保存的修改」, or why the last write failed. */
export function DraftStatus({ draft, dirty }: { draft: ServerDraft; dirty: boolean }) {
  const t = useT();
  if (draft.error) {
    return (
      <span className="rt-bad" role="status" data-testid="draft-status">
        {t('forms.draft.autosaveFailed', { reason: draft.error })}
      </span>
    );
  }
  if (!dirty || !draft.savedAt) return null;
  return (
    <span className="rt-muted" role="status" data-testid="draft-status" data-saved-at={draft.savedAt}>
      {t('forms.draft.autosaved', { time: fmtDateTime(draft.savedAt).split(' ').pop() ?? '' })}
    </span>
  );
}
