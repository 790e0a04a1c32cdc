/**
 * UI strings for trust and least privilege (issue 15): the audit log's withheld draft content and alliance
 * membership invitations. Keys are prefixed with `trust.`.
 */
export const trustZh = {
  'trust.audit.withheld': '草稿内容已隐藏',
  'trust.audit.withheldHelp':
    '该记录涉及其他机构尚未发布或报送的草稿：可以看到操作人、操作和时间以及改动了哪些字段，字段内容仅该机构可见。',

  'trust.alliance.inbox': '收到的联盟邀请',
  'trust.alliance.inboxHelp': '接受后，本单位将作为成员单位在联盟页面公开显示；谢绝后，发起单位会收到通知。',
  'trust.alliance.invitedAs': '邀请本单位作为“{role}”加入',
  'trust.alliance.accept': '接受邀请',
  'trust.alliance.decline': '谢绝',
  'trust.alliance.confirmDecline': '谢绝加入“{name}”？',
  'trust.alliance.acceptedToast': '已加入联盟',
  'trust.alliance.declinedToast': '已谢绝邀请',
  'trust.alliance.invite': '发出邀请',
  'trust.alliance.inviteHelp': '受邀单位接受邀请后才会成为成员单位；在此之前不会公开显示。',
  'trust.alliance.invitations': '已发出的邀请',
  'trust.alliance.invitationsEmpty': '没有待确认或被谢绝的邀请',
  'trust.alliance.invitedAt': '邀请时间',
  'trust.alliance.status': '状态',
  'trust.alliance.status.invited': '待确认',
  'trust.alliance.status.declined': '已谢绝',
  'trust.alliance.withdraw': '撤回邀请',
  'trust.alliance.confirmWithdraw': '撤回对 {name} 的邀请？',
  'trust.alliance.inviteAgain': '再次邀请',
  'trust.alliance.pendingCount': '{n} 家待确认',
  'trust.alliance.invitees': '邀请成员单位',
};

export const trustEn: Record<keyof typeof trustZh, string> = {
  'trust.audit.withheld': 'Draft content withheld',
  'trust.audit.withheldHelp':
    "This entry is about another organisation's unpublished or unsubmitted draft: you can see who did what and when and which fields changed; the values are visible to that organisation only.",

  'trust.alliance.inbox': 'Alliance invitations',
  'trust.alliance.inboxHelp':
    'Once you accept, your organisation is shown publicly as a member of the alliance; if you decline, the founder is told.',
  'trust.alliance.invitedAs': 'Invites your organisation to join as "{role}"',
  'trust.alliance.accept': 'Accept',
  'trust.alliance.decline': 'Decline',
  'trust.alliance.confirmDecline': 'Decline to join "{name}"?',
  'trust.alliance.acceptedToast': 'You joined the alliance',
  'trust.alliance.declinedToast': 'Invitation declined',
  'trust.alliance.invite': 'Invite',
  'trust.alliance.inviteHelp':
    'An invited organisation becomes a member only when it accepts; until then it is not shown publicly.',
  'trust.alliance.invitations': 'Invitations sent',
  'trust.alliance.invitationsEmpty': 'No pending or declined invitations',
  'trust.alliance.invitedAt': 'Invited',
  'trust.alliance.status': 'Status',
  'trust.alliance.status.invited': 'Awaiting answer',
  'trust.alliance.status.declined': 'Declined',
  'trust.alliance.withdraw': 'Withdraw',
  'trust.alliance.confirmWithdraw': 'Withdraw the invitation to {name}?',
  'trust.alliance.inviteAgain': 'Invite again',
  'trust.alliance.pendingCount': '{n} awaiting answer',
  'trust.alliance.invitees': 'Invite member organisations',
};
