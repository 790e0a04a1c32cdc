/** UI strings of safe forms (issue 15): the unsaved-changes guard, dialogs that ask before closing, server-side drafts. Keys are prefixed with `forms.`. */
export const formsZh = {
  'forms.leave.title': '有未保存的修改，确定离开吗？',
  'forms.leave.body': '离开后，本页填写的内容将不会保存。',
  'forms.leave.bodyDraft': '未保存的内容已自动存为草稿，下次打开时会为您恢复。',
  'forms.leave.ok': '离开',
  'forms.leave.stay': '继续编辑',
  'forms.close.body': '关闭后，对话框中填写的内容将丢失。',
  'forms.draft.restored': '已恢复您上次未保存的内容（{time}）',
  'forms.draft.restoredHint':
    '这些内容来自自动保存的草稿，尚未正式保存；请检查后保存，或放弃草稿恢复为上次保存的内容。',
  'forms.draft.discard': '放弃草稿',
  'forms.draft.discardConfirm': '放弃草稿，恢复为上次保存的内容？',
  'forms.draft.discarded': '已放弃草稿',
  'forms.draft.autosaved': '草稿已自动保存（{time}）',
  'forms.draft.autosaving': '正在自动保存草稿…',
  'forms.draft.autosaveFailed': '草稿自动保存失败：{reason}',
  'forms.routeError.title': '页面出错了',
  'forms.routeError.sub': '页面加载失败，可能是网络中断或系统刚刚更新。请重新加载页面。',
  'forms.routeError.reload': '重新加载',
} as const;

export const formsEn: Record<keyof typeof formsZh, string> = {
  'forms.leave.title': 'You have unsaved changes. Leave anyway?',
  'forms.leave.body': 'What you entered on this page will not be saved.',
  'forms.leave.bodyDraft': 'Your unsaved changes are kept as a draft and restored the next time you open this page.',
  'forms.leave.ok': 'Leave',
  'forms.leave.stay': 'Keep editing',
  'forms.close.body': 'What you entered in this dialog will be lost.',
  'forms.draft.restored': 'Restored your unsaved changes from last time ({time})',
  'forms.draft.restoredHint':
    'This content comes from an automatically saved draft and is not saved yet: check it and save, or discard the draft to go back to the last saved version.',
  'forms.draft.discard': 'Discard draft',
  'forms.draft.discardConfirm': 'Discard the draft and go back to the last saved version?',
  'forms.draft.discarded': 'Draft discarded',
  'forms.draft.autosaved': 'Draft saved automatically ({time})',
  'forms.draft.autosaving': 'Saving draft…',
  'forms.draft.autosaveFailed': 'Could not save the draft automatically: {reason}',
  'forms.routeError.title': 'Something went wrong',
  'forms.routeError.sub':
    'The page could not be loaded: the network may be down or the system was just updated. Please reload the page.',
  'forms.routeError.reload': 'Reload',
};
