/**
 * UI strings for trust and least privilege (issue 15): the audit log's withheld draft content and alliance
 * membership invitations. Keys are prefixed with `trust.`.
 */
export const trustZh = {
  'trust.audit.withheld': '草稿内容已隐藏',
  'trust.audit.withheldHelp':
    '该记录涉及其他机构尚未发布或报送的草稿：可以看到操作人、操作和时间以及改动了哪些字段，字段内容仅该机构可见。',
};

export const trustEn: Record<keyof typeof trustZh, string> = {
  'trust.audit.withheld': 'Draft content withheld',
  'trust.audit.withheldHelp':
    "This entry is about another organisation's unpublished or unsubmitted draft: you can see who did what and when and which fields changed; the values are visible to that organisation only.",
};
