/**
 * UI strings for the workflow rules of issue 12 §4 (host selection with too few reviews, the
 * activity-plan due date). Keys are prefixed with `rules.`.
 */
export const rulesZh = {
  'rules.fewReviews':
    '该计划已提交的评审意见为 {reviews} 份，少于规则要求的 {min} 份。如确需选择，请填写理由（将记入操作日志）。',
  'rules.overrideReason': '评审不足时选择的理由',
  'rules.overrideReasonRequired': '请填写在评审不足时选择该基地的理由',
  'rules.overrideReasonPlaceholder': '例如：评审专家时间冲突，经研究同意先行确定',
  'rules.minReviews': '最少评审份数',
  'rules.minReviewsHint': '计划已提交的评审意见少于此数时，确定承办须填写理由',
};

export const rulesEn: Record<keyof typeof rulesZh, string> = {
  'rules.fewReviews':
    'This plan has {reviews} submitted review(s), fewer than the {min} the rules require. To select it anyway, give a reason (it is kept in the audit log).',
  'rules.overrideReason': 'Reason for selecting with too few reviews',
  'rules.overrideReasonRequired': 'Give the reason for selecting this base with too few reviews',
  'rules.overrideReasonPlaceholder': 'e.g. reviewers were unavailable; agreed to select ahead of time',
  'rules.minReviews': 'Minimum reviews',
  'rules.minReviewsHint': 'Selecting a host whose plan has fewer submitted reviews needs a reason',
};
