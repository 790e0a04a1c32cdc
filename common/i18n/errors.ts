/**
 * Titles of problem responses by stable error code, in both UI languages. The server renders the
 * title in the caller's language (zh-CN by default); the web client branches on `code`, never on text.
 */
export const ERROR_TITLES: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  validation_failed: { 'zh-CN': '提交的数据有误', 'en-US': 'The submitted data is invalid' },
  not_found: { 'zh-CN': '未找到该记录或页面', 'en-US': 'Not found' },
  route_not_found: { 'zh-CN': '接口不存在', 'en-US': 'No such API route' },
  unauthenticated: { 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  session_expired: { 'zh-CN': '登录已过期，请重新登录', 'en-US': 'Your session has expired; please sign in again' },
  forbidden: { 'zh-CN': '无权执行此操作', 'en-US': 'You are not allowed to do this' },
  csrf_failed: {
    'zh-CN': '安全校验失败，请刷新页面后重试',
    'en-US': 'Security check failed; reload the page and retry',
  },
  invalid_credentials: { 'zh-CN': '账号或密码错误', 'en-US': 'Wrong account or password' },
  account_locked: { 'zh-CN': '账号已被临时锁定', 'en-US': 'The account is temporarily locked' },
  account_disabled: { 'zh-CN': '账号已停用', 'en-US': 'The account is disabled' },
  weak_password: { 'zh-CN': '密码不符合安全要求', 'en-US': 'The password does not meet the policy' },
  rate_limited: { 'zh-CN': '请求过于频繁，请稍后再试', 'en-US': 'Too many requests; try again later' },
  conflict: { 'zh-CN': '记录已存在或已被修改', 'en-US': 'Conflict with the current state' },
  duplicate: { 'zh-CN': '记录已存在', 'en-US': 'Already exists' },
  lexicon_entry_duplicate: { 'zh-CN': '词条已存在', 'en-US': 'This lexicon entry already exists' },
  invalid_state: { 'zh-CN': '当前状态下不能执行此操作', 'en-US': 'Not possible in the current state' },
  payload_too_large: { 'zh-CN': '提交内容过大', 'en-US': 'Payload too large' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported media type' },
  bad_request: { 'zh-CN': '请求格式错误', 'en-US': 'Malformed request' },
  idempotency_key_invalid: { 'zh-CN': '幂等键格式不正确', 'en-US': 'Invalid Idempotency-Key header' },
  idempotency_key_reused: {
    'zh-CN': '幂等键已用于另一个请求',
    'en-US': 'This Idempotency-Key was used for a different request',
  },
  idempotency_request_in_progress: {
    'zh-CN': '相同的请求正在处理中',
    'en-US': 'The same request is still being processed',
  },
  // input rules and refusals of the HTTP layer (issue 15)
  invalid_text: {
    'zh-CN': '提交的文字包含不允许的字符或过长',
    'en-US': 'The text contains characters that are not allowed, or is too long',
  },
  invalid_multipart: { 'zh-CN': '上传内容格式错误', 'en-US': 'Malformed multipart upload' },
  invalid_url_encoding: { 'zh-CN': '网址编码有误', 'en-US': 'Malformed URL encoding' },
  uri_too_long: { 'zh-CN': '网址过长', 'en-US': 'URI too long' },
  headers_too_large: { 'zh-CN': '请求头过大', 'en-US': 'Request headers too large' },
  request_timeout: { 'zh-CN': '请求超时', 'en-US': 'Request timeout' },
  method_not_allowed: { 'zh-CN': '不支持该请求方法', 'en-US': 'Method not allowed' },
  internal_error: {
    'zh-CN': '服务器内部错误，请稍后再试或联系管理员',
    'en-US': 'Internal error; try again later or contact support',
  },
  // programme workflow
  programme_not_editable: {
    'zh-CN': '年度方案已开放申报，不能再修改规则',
    'en-US': 'The programme can no longer be edited',
  },
  call_not_open: { 'zh-CN': '当前未开放申报', 'en-US': 'The call is not open' },
  deadline_passed: { 'zh-CN': '已超过截止时间', 'en-US': 'The deadline has passed' },
  plan_incomplete: { 'zh-CN': '活动初步计划不符合要求', 'en-US': 'The preliminary plan does not meet the rules' },
  base_not_eligible: { 'zh-CN': '该基地类型不能承办主题日', 'en-US': 'This base type cannot host' },
  reviewer_conflict: { 'zh-CN': '评审人与该计划存在利益关联', 'en-US': 'The reviewer has a conflict of interest' },
  insufficient_reviews: {
    'zh-CN': '该计划的评审意见不足',
    'en-US': 'The plan has fewer reviews than the programme requires',
  },
  activity_plan_due_passed: {
    'zh-CN': '活动方案报送截止日期已过',
    'en-US': 'The activity-plan due date for this start date has passed',
  },
  review_incomplete: { 'zh-CN': '评分不完整', 'en-US': 'The review is incomplete' },
  not_a_reviewer: { 'zh-CN': '该用户不是指导部门评审人', 'en-US': 'The user is not a department reviewer' },
  date_overlap: { 'zh-CN': '主题日日期与已安排的主题日冲突', 'en-US': 'Dates overlap another theme day' },
  date_out_of_year: { 'zh-CN': '主题日日期不在方案年度内', 'en-US': 'Dates are outside the programme year' },
  title_mismatch: { 'zh-CN': '活动方案标题不符合模板', 'en-US': 'The title does not match the template' },
  activity_plan_incomplete: { 'zh-CN': '活动方案不符合要求', 'en-US': 'The activity plan does not meet the rules' },
  // organisations, bases, users
  invalid_uscc: { 'zh-CN': '统一社会信用代码无效', 'en-US': 'Invalid unified social credit code' },
  role_not_applicable: { 'zh-CN': '该角色不适用于所选机构', 'en-US': 'This role does not fit the chosen organisation' },
  // event sessions, registration, check-in
  activity_plan_not_approved: { 'zh-CN': '活动方案尚未审核通过', 'en-US': 'The activity plan is not approved yet' },
  headcount_limit_missing: {
    'zh-CN': '活动方案未核定线下参加人数上限',
    'en-US': 'The activity plan sets no head-count limit',
  },
  capacity_above_limit: { 'zh-CN': '线下名额超过核定人数上限', 'en-US': 'The capacity exceeds the head-count limit' },
  online_channel_missing: { 'zh-CN': '请填写线上参会渠道', 'en-US': 'An online channel is required' },
  invalid_time_range: { 'zh-CN': '结束时间须晚于开始时间', 'en-US': 'The end must be after the start' },
  session_outside_theme_day: { 'zh-CN': '场次时间不在主题日日期内', 'en-US': 'The session is outside the theme day' },
  invalid_registration_window: { 'zh-CN': '报名时间设置有误', 'en-US': 'Invalid registration window' },
  registration_not_open: { 'zh-CN': '报名尚未开始', 'en-US': 'Registration has not opened yet' },
  registration_closed: { 'zh-CN': '报名已截止', 'en-US': 'Registration is closed' },
  already_registered: { 'zh-CN': '您已报名', 'en-US': 'You are already registered' },
  attendance_not_offered: { 'zh-CN': '本场活动不提供该参会方式', 'en-US': 'This way of attending is not offered' },
  invalid_answers: { 'zh-CN': '报名信息填写有误', 'en-US': 'Some answers are missing or invalid' },
  already_cancelled: { 'zh-CN': '该报名已取消', 'en-US': 'The registration is already cancelled' },
  session_started: { 'zh-CN': '活动已开始', 'en-US': 'The session has started' },
  checkin_code_unknown: { 'zh-CN': '签到码无效', 'en-US': 'Unknown check-in code' },
  registration_cancelled: { 'zh-CN': '该报名已取消，不能签到', 'en-US': 'The registration was cancelled' },
  registration_waitlisted: {
    'zh-CN': '该报名仍在候补中，不能签到',
    'en-US': 'The registration is still on the waitlist',
  },
  online_registration: {
    'zh-CN': '线上参会报名不能现场签到',
    'en-US': 'An online registration cannot check in at the door',
  },
  already_checked_in: { 'zh-CN': '已签到，请勿重复签到', 'en-US': 'Already checked in' },
  // roadshows
  not_a_roadshow_session: { 'zh-CN': '该场次不是路演场次', 'en-US': 'The session is not a roadshow' },
  roadshow_exists: { 'zh-CN': '该场次已设置路演', 'en-US': 'The session already has a roadshow' },
  invalid_criteria: { 'zh-CN': '评分标准设置有误', 'en-US': 'Invalid scoring criteria' },
  applications_closed: { 'zh-CN': '路演项目征集已结束', 'en-US': 'Project applications are closed' },
  business_plan_required: { 'zh-CN': '请上传商业计划书（PDF）', 'en-US': 'A business plan PDF is required' },
  business_plan_not_pdf: { 'zh-CN': '商业计划书须为 PDF 文件', 'en-US': 'The business plan must be a PDF' },
  business_plan_too_large: { 'zh-CN': '商业计划书文件过大', 'en-US': 'The business plan file is too large' },
  project_not_screenable: { 'zh-CN': '该项目当前不能筛选', 'en-US': 'The project cannot be screened now' },
  invalid_lineup: { 'zh-CN': '路演顺序设置有误', 'en-US': 'Invalid lineup' },
  not_a_judge_candidate: { 'zh-CN': '该用户不是专家或投资机构人员', 'en-US': 'The user is not an expert or investor' },
  already_judge: { 'zh-CN': '该用户已受邀担任评委', 'en-US': 'The user is already a judge' },
  scoring_not_open: { 'zh-CN': '评分尚未开始或已结束', 'en-US': 'Scoring is not open' },
  project_not_in_lineup: { 'zh-CN': '该项目不在路演名单中', 'en-US': 'The project is not in the lineup' },
  // exhibition hall
  booth_exists: {
    'zh-CN': '本单位已在该主题日设置展位',
    'en-US': 'Your organisation already has a booth on this theme day',
  },
  booth_item_invalid: { 'zh-CN': '展品有误', 'en-US': 'Invalid booth item' },
  contact_own_booth: { 'zh-CN': '不能联系本单位的展位', 'en-US': 'You cannot contact your own booth' },
  contact_request_exists: { 'zh-CN': '已发送过联系请求', 'en-US': 'A contact request was already sent' },
  contact_request_decided: { 'zh-CN': '该联系请求已处理', 'en-US': 'The contact request was already answered' },
  invalid_scores: { 'zh-CN': '评分不完整或超出范围', 'en-US': 'Scores are incomplete or out of range' },
  invalid_intent: { 'zh-CN': '投资意向填写有误', 'en-US': 'Invalid investment intent' },
  results_not_published: { 'zh-CN': '路演结果尚未公布', 'en-US': 'Results are not published yet' },
  // 1:1 business meetings
  date_out_of_theme_day: { 'zh-CN': '洽谈日期不在主题日日期范围内', 'en-US': 'The date is outside the theme day' },
  meeting_session_closed: { 'zh-CN': '该洽谈会已关闭', 'en-US': 'The meeting session is closed' },
  already_participant: { 'zh-CN': '您已加入该洽谈会', 'en-US': 'You have already joined this session' },
  not_a_participant: { 'zh-CN': '请先加入该洽谈会', 'en-US': 'Join the session first' },
  invalid_counterpart: {
    'zh-CN': '不能向该参会人发起洽谈',
    'en-US': 'You cannot request a meeting with this participant',
  },
  duplicate_request: {
    'zh-CN': '与该参会人已有未结束的洽谈邀约',
    'en-US': 'There is already an open request with this participant',
  },
  request_limit_reached: { 'zh-CN': '已达到洽谈邀约数量上限', 'en-US': 'The request limit has been reached' },
  request_expired: { 'zh-CN': '该洽谈邀约已过期', 'en-US': 'The request has expired' },
  no_common_slot: { 'zh-CN': '双方没有共同的空闲时段或桌位', 'en-US': 'No free slot and table for both sides' },
  slot_taken: { 'zh-CN': '该时段已被占用', 'en-US': 'The slot is taken' },
  participant_unavailable: { 'zh-CN': '参会人在该时段不可用', 'en-US': 'A participant is unavailable in this slot' },
  slot_has_meeting: { 'zh-CN': '该时段已有洽谈安排', 'en-US': 'A meeting is already scheduled in this slot' },
  meeting_not_over: { 'zh-CN': '洽谈尚未结束，暂不能填写结果', 'en-US': 'The meeting is not over yet' },
  scheduler_running: { 'zh-CN': '排程正在进行中', 'en-US': 'The scheduler is already running' },
  schedule_invalid: {
    'zh-CN': '排程存在冲突，不能发布',
    'en-US': 'The schedule breaks constraints and cannot be published',
  },
  // content areas: resources, demands, consortia, results, docking (issue 3)
  content_area_not_enabled: {
    'zh-CN': '该主题日未设置此内容板块',
    'en-US': 'The theme day does not enable this content area',
  },
  not_acting_for_organisation: { 'zh-CN': '请以所在单位成员身份操作', 'en-US': 'Act as a member of your organisation' },
  publisher_not_eligible: {
    'zh-CN': '本单位不能发布此类信息',
    'en-US': 'Your organisation may not publish this kind of item',
  },
  theme_day_required: { 'zh-CN': '须选择所属主题日', 'en-US': 'A theme day is required' },
  resource_not_open: { 'zh-CN': '该资源未开放申请', 'en-US': 'The resource is not open for requests' },
  own_resource: { 'zh-CN': '不能申请本单位的资源', 'en-US': 'You cannot request your own resource' },
  invalid_date_range: { 'zh-CN': '日期范围无效', 'en-US': 'Invalid date range' },
  dates_outside_theme_day: { 'zh-CN': '日期不在主题日范围内', 'en-US': 'The dates are outside the theme day' },
  quota_exhausted: { 'zh-CN': '名额已满', 'en-US': 'The quota is used up' },
  import_file_invalid: { 'zh-CN': '导入文件无效', 'en-US': 'Invalid import file' },
  import_file_too_large: { 'zh-CN': '导入文件过大', 'en-US': 'The import file is too large' },
  import_empty: { 'zh-CN': '导入文件没有数据行', 'en-US': 'The import file has no rows' },
  import_too_many_rows: { 'zh-CN': '导入行数过多', 'en-US': 'Too many rows to import' },
  import_rows_invalid: {
    'zh-CN': '导入数据有误，未导入任何一行',
    'en-US': 'Some rows are invalid; nothing was imported',
  },
  invalid_budget_range: { 'zh-CN': '预算范围无效', 'en-US': 'Invalid budget range' },
  demand_not_open: { 'zh-CN': '该需求未开放响应', 'en-US': 'The demand is not open for responses' },
  own_demand: { 'zh-CN': '不能响应本单位发布的需求', 'en-US': 'You cannot respond to your own demand' },
  already_responded: { 'zh-CN': '本单位已响应过该需求', 'en-US': 'Your organisation has already responded' },
  attachment_too_large: { 'zh-CN': '附件过大', 'en-US': 'The attachment is too large' },
  attachment_type_not_allowed: { 'zh-CN': '附件类型不允许', 'en-US': 'This attachment type is not allowed' },
  too_many_attachments: { 'zh-CN': '附件数量已达上限', 'en-US': 'Too many attachments' },
  response_not_editable: { 'zh-CN': '该响应已不能修改', 'en-US': 'The response can no longer be changed' },
  shares_not_100: { 'zh-CN': '分担或分享比例合计须为100%', 'en-US': 'Shares must sum to 100%' },
  consortium_member_not_eligible: {
    'zh-CN': '该单位不能加入联合体',
    'en-US': 'This organisation cannot join the consortium',
  },
  publisher_not_in_consortium: {
    'zh-CN': '联合体须包含需求发布单位',
    'en-US': 'The consortium must include the publisher',
  },
  duplicate_member: { 'zh-CN': '成员重复', 'en-US': 'Duplicate member' },
  consortium_signed: { 'zh-CN': '联合体协议已签署，不能修改', 'en-US': 'The consortium agreement is signed' },
  not_consortium_member: { 'zh-CN': '本单位不是联合体成员', 'en-US': 'Your organisation is not a member' },
  already_signed: { 'zh-CN': '本单位已签署', 'en-US': 'Your organisation has already signed' },
  declaration_required: { 'zh-CN': '须确认不涉密声明', 'en-US': 'The non-classified declaration is required' },
  no_confidentiality_reviewer: {
    'zh-CN': '本单位尚未指定保密审查人',
    'en-US': 'Your organisation has no confidentiality reviewer',
  },
  not_confidentiality_reviewer: {
    'zh-CN': '您不是本单位指定的保密审查人',
    'en-US': 'You are not a designated confidentiality reviewer',
  },
  self_review: { 'zh-CN': '不能审查本人提交的成果', 'en-US': 'You cannot review your own submission' },
  reviewer_not_member: { 'zh-CN': '保密审查人须为本单位人员', 'en-US': 'The reviewer must belong to the organisation' },
  own_result: { 'zh-CN': '不能申请本单位的成果', 'en-US': 'You cannot apply for your own result' },
  already_applied: { 'zh-CN': '本单位已提交过申请', 'en-US': 'Your organisation has already applied' },
  venue_or_link_required: { 'zh-CN': '须填写地点或线上链接', 'en-US': 'A venue or an online link is required' },
  // satisfaction surveys (issue 11)
  theme_day_not_over: { 'zh-CN': '主题日活动尚未结束', 'en-US': 'The theme day is not over yet' },
  survey_exists: { 'zh-CN': '该主题日已发起满意度调查', 'en-US': 'This theme day already has a survey' },
  survey_has_answers: {
    'zh-CN': '已有答卷，不能再修改题目',
    'en-US': 'The survey has answers; its questions are fixed',
  },
  survey_closed: { 'zh-CN': '问卷调查已结束', 'en-US': 'The survey is closed' },
  survey_link_invalid: { 'zh-CN': '问卷链接无效', 'en-US': 'This survey link is not valid' },
  survey_link_expired: { 'zh-CN': '问卷链接已过期', 'en-US': 'This survey link has expired' },
  survey_already_answered: { 'zh-CN': '已提交过本问卷', 'en-US': 'This survey has already been answered' },
  // organisation registration, verification and join requests (issue 12 §1)
  organisation_unverified: {
    'zh-CN': '单位尚未通过审核',
    'en-US': 'Your organisation has not been verified yet',
  },
  already_decided: { 'zh-CN': '已由他人处理', 'en-US': 'Someone has already decided this' },
  already_in_organisation: { 'zh-CN': '您已加入单位', 'en-US': 'You already belong to an organisation' },
  already_member: { 'zh-CN': '您已是该单位成员', 'en-US': 'You are already a member of this organisation' },
  join_request_pending: {
    'zh-CN': '已提交过加入申请，请等待单位管理员处理',
    'en-US': 'You have already asked to join; wait for its administrators',
  },
};

export type Locale = 'zh-CN' | 'en-US';

/** Title for a code in a locale; unknown codes fall back to a generic title, never to internals. */
export function errorTitle(code: string, locale: Locale = 'zh-CN'): string {
  const t = ERROR_TITLES[code];
  if (t) return t[locale];
  return locale === 'en-US' ? 'Request failed' : '请求失败';
}
