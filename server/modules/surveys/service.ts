/**
 * Survey commands (issue 11 §1): publish a core version, open a theme day's survey (inviting everyone who took
 * part, each by a personal link in an in-app notification), edit the host's questions, invite late-found
 * participants, close, and answer by link. Each command is one transaction with its audit row and
 * notifications — except an anonymous answer, which leaves no audit row (see `answerByToken`).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  type AnswerBody,
  type HostQuestionsBody,
  type InstrumentBody,
  type OpenSurveyInput,
  type ParticipationKind,
  type Question,
  PARTICIPATION_KINDS,
} from '../../../common/contracts/surveys.ts';
import { links } from '../../../common/links.ts';
import { checkCoreQuestions, checkHostQuestions } from '../../../common/survey-checks.ts';
import { CORE_INSTRUMENT_V1 } from '../../../common/survey-instrument.ts';
import { addDays, endOfShanghaiDay, formatShanghai, shanghaiToday } from '../../../common/time.ts';
import { json, type Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, invalidState, notFound, validationFailed } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { notifyUsers } from '../notifications/service.ts';
import type { ThemeDayFacts } from '../projects/repository.ts';
import { canPublishInstrument, canRunSurvey, isHostStaff } from './policy.ts';
import {
  activeUserIds,
  answerCount,
  claimInvitation,
  getSurvey,
  insertAnswer,
  insertInstrument,
  insertInvitations,
  insertSurvey,
  invitationByHash,
  invitedUserIds,
  latestInstrumentVersion,
  instrumentRow,
  orgProfile,
  participationsOf,
  surveyOfThemeDay,
  updateSurvey,
  type InvitationRow,
  type SurveyRow,
} from './repository.ts';
import { validateAnswers } from './rules.ts';

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

// ----- the core instrument --------------------------------------------------------------------------------------

/** The version new surveys take: the latest NDRC published, else the built-in version 1. */
export async function currentCoreVersion(db: Executor): Promise<number> {
  return (await latestInstrumentVersion(db)) ?? CORE_INSTRUMENT_V1.version;
}

/** The core questions of a version (1 is built in and frozen; later ones are rows). */
export async function coreQuestions(db: Executor, version: number): Promise<Question[]> {
  if (version === CORE_INSTRUMENT_V1.version) return [...CORE_INSTRUMENT_V1.questions];
  const row = await instrumentRow(db, version);
  if (!row) throw new Error(`survey instrument version ${version} is missing`);
  return json.parse<Question[]>(row.questions, []);
}

/** NDRC publishes a new core version; surveys already open keep theirs, so old answers keep their questions. */
export async function publishInstrument(ctx: Ctx, props: { body: InstrumentBody }): Promise<number> {
  const actor = requireActor(ctx);
  authorize(canPublishInstrument(actor), '只有国家发展改革委可以发布核心问卷');
  const errors = checkCoreQuestions(props.body.questions, 'questions');
  if (errors.length) throw validationFailed(errors);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const version = (await currentCoreVersion(trx)) + 1;
    const id = newId();
    await insertInstrument(trx, {
      id,
      version,
      questions: json.stringify(props.body.questions),
      note: props.body.note,
      published_by: actor.userId,
      published_at: nowIso(now),
    });
    await audit(trx, ctx, {
      entityType: 'survey_instrument',
      entityId: id,
      action: 'publish',
      after: { version, keys: props.body.questions.map((q) => q.key), note: props.body.note },
    });
    return version;
  });
}

// ----- surveys ------------------------------------------------------------------------------------------------

interface Invitee {
  userId: string;
  organisationId: string | null;
  sources: ParticipationKind[];
}

/** Everyone who took part, once per person (their first recorded organisation), host staff excluded. */
async function invitees(db: Executor, td: ThemeDayFacts): Promise<Invitee[]> {
  const byUser = new Map<string, Invitee>();
  for (const p of await participationsOf(db, td.id)) {
    if (td.hostOrganisationId && p.organisationId === td.hostOrganisationId) continue; // organisers, not participants
    const i = byUser.get(p.userId) ?? { userId: p.userId, organisationId: p.organisationId, sources: [] };
    i.organisationId ??= p.organisationId;
    if (!i.sources.includes(p.kind)) i.sources.push(p.kind);
    byUser.set(p.userId, i);
  }
  const active = await activeUserIds(db, [...byUser.keys()]);
  return [...byUser.values()]
    .filter((i) => active.has(i.userId))
    .map((i) => ({ ...i, sources: PARTICIPATION_KINDS.filter((k) => i.sources.includes(k)) }));
}

/** Creates the invitations and sends each person their link (the token exists only in their notification). */
async function invite(
  trx: Executor,
  ctx: Ctx,
  survey: SurveyRow,
  td: ThemeDayFacts,
  people: Invitee[],
): Promise<number> {
  const now = ctx.clock.now();
  const rows: InvitationRow[] = [];
  const tokens: { userId: string; token: string }[] = [];
  for (const p of people) {
    const token = randomBytes(32).toString('base64url');
    tokens.push({ userId: p.userId, token });
    rows.push({
      id: newId(),
      survey_id: survey.id,
      user_id: p.userId,
      organisation_id: p.organisationId,
      token_hash: tokenHash(token),
      sources: json.stringify(p.sources),
      expires_at: survey.closes_at,
      used: 0,
      created_at: nowIso(now),
    });
  }
  await insertInvitations(trx, rows);
  const until = formatShanghai(survey.closes_at, 'date');
  for (const t of tokens)
    await notifyUsers(
      trx,
      [t.userId],
      {
        kind: 'survey_invitation',
        title: `${td.title}满意度调查`,
        body:
          `感谢贵单位参加${td.title}。为做好活动第三方评估、持续改进主题日工作，请于${until}前填写满意度问卷，约需3分钟。` +
          (survey.anonymous ? '本问卷为匿名问卷，答卷与您的身份不做关联。' : '') +
          '本链接为您专属，仅可提交一次，请勿转发。',
        link: links.surveyAnswer(t.token),
      },
      now,
    );
  return rows.length;
}

/** Opens the theme day's survey (on or after its last day) and invites everyone who took part. */
export async function openSurvey(
  ctx: Ctx,
  props: {
    themeDay: ThemeDayFacts & { endDate: string };
    body: OpenSurveyInput;
  },
): Promise<{ id: string; invited: number }> {
  const actor = requireActor(ctx);
  const td = props.themeDay;
  authorize(canRunSurvey(actor, td), '只有国家发展改革委或承办基地可以发起满意度调查');
  if (props.body.hostQuestions.length && !isHostStaff(actor, td))
    throw new AppError(403, 'forbidden', '自设题目由承办基地添加');
  const errors = checkHostQuestions(props.body.hostQuestions, 'hostQuestions');
  if (errors.length) throw validationFailed(errors);
  const now = ctx.clock.now();
  const today = shanghaiToday(now);
  if (today < td.endDate)
    throw new AppError(
      409,
      'theme_day_not_over',
      `主题日活动结束（${formatShanghai(td.endDate, 'date')}）后才能发起满意度调查`,
    );
  return ctx.db.transaction().execute(async (trx) => {
    if (await surveyOfThemeDay(trx, td.id)) throw new AppError(409, 'survey_exists', '该主题日已发起满意度调查');
    const survey: SurveyRow = {
      id: newId(),
      theme_day_id: td.id,
      core_version: await currentCoreVersion(trx),
      host_questions: json.stringify(props.body.hostQuestions),
      anonymous: props.body.anonymous ? 1 : 0,
      status: 'open',
      opens_at: nowIso(now),
      closes_at: nowIso(endOfShanghaiDay(addDays(today, props.body.days))),
      closed_at: null,
      opened_by: actor.userId,
      created_at: nowIso(now),
      updated_at: nowIso(now),
    };
    await insertSurvey(trx, survey);
    const invited = await invite(trx, ctx, survey, td, await invitees(trx, td));
    await audit(trx, ctx, {
      entityType: 'survey',
      entityId: survey.id,
      action: 'open',
      after: {
        themeDayId: td.id,
        coreVersion: survey.core_version,
        anonymous: props.body.anonymous,
        closesAt: survey.closes_at,
        hostQuestions: props.body.hostQuestions.map((q) => q.key),
        invited,
      },
    });
    return { id: survey.id, invited };
  });
}

/** The host replaces its own questions (after the core ones) until the first answer arrives. */
export async function setHostQuestions(
  ctx: Ctx,
  props: { survey: SurveyRow; themeDay: ThemeDayFacts; body: HostQuestionsBody },
): Promise<void> {
  const actor = requireActor(ctx);
  authorize(isHostStaff(actor, props.themeDay), '自设题目由承办基地添加');
  const errors = checkHostQuestions(props.body.questions, 'questions');
  if (errors.length) throw validationFailed(errors);
  await ctx.db.transaction().execute(async (trx) => {
    const s = (await getSurvey(trx, props.survey.id))!;
    if (s.status !== 'open') throw new AppError(409, 'survey_closed', '本次问卷调查已结束');
    if ((await answerCount(trx, s.id)) > 0)
      throw new AppError(409, 'survey_has_answers', '已有答卷提交，不能再修改题目，以免前后答卷不可比');
    await updateSurvey(trx, s.id, {
      host_questions: json.stringify(props.body.questions),
      updated_at: nowIso(ctx.clock.now()),
    });
    await audit(trx, ctx, {
      entityType: 'survey',
      entityId: s.id,
      action: 'host_questions',
      before: { keys: json.parse<Question[]>(s.host_questions, []).map((q) => q.key) },
      after: { keys: props.body.questions.map((q) => q.key) },
    });
  });
}

/** Invites participants found since the survey opened (late registrations, data entered afterwards). */
export async function inviteMore(ctx: Ctx, props: { survey: SurveyRow; themeDay: ThemeDayFacts }): Promise<number> {
  const actor = requireActor(ctx);
  authorize(canRunSurvey(actor, props.themeDay));
  return ctx.db.transaction().execute(async (trx) => {
    const s = (await getSurvey(trx, props.survey.id))!;
    if (s.status !== 'open' || s.closes_at <= nowIso(ctx.clock.now()))
      throw new AppError(409, 'survey_closed', '本次问卷调查已结束');
    const already = await invitedUserIds(trx, s.id);
    const fresh = (await invitees(trx, props.themeDay)).filter((p) => !already.has(p.userId));
    const invited = await invite(trx, ctx, s, props.themeDay, fresh);
    await audit(trx, ctx, { entityType: 'survey', entityId: s.id, action: 'invite', after: { invited } });
    return invited;
  });
}

export async function closeSurvey(ctx: Ctx, props: { survey: SurveyRow; themeDay: ThemeDayFacts }): Promise<void> {
  const actor = requireActor(ctx);
  authorize(canRunSurvey(actor, props.themeDay));
  if (props.survey.status !== 'open') throw invalidState('本次问卷调查已结束');
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    await updateSurvey(trx, props.survey.id, { status: 'closed', closed_at: now, updated_at: now });
    await audit(trx, ctx, { entityType: 'survey', entityId: props.survey.id, action: 'close' });
  });
}

// ----- answering by link ------------------------------------------------------------------------------------------

/** The invitation and survey a link opens, or the problem the respondent sees (in Chinese). */
export async function openLink(ctx: Ctx, token: string): Promise<{ invitation: InvitationRow; survey: SurveyRow }> {
  const invitation = await invitationByHash(ctx.db, tokenHash(token));
  if (!invitation) throw new AppError(404, 'survey_link_invalid', '问卷链接无效，请核对链接是否完整');
  const survey = await getSurvey(ctx.db, invitation.survey_id);
  if (!survey) throw notFound();
  if (survey.status === 'closed') throw new AppError(410, 'survey_closed', '本次问卷调查已结束，感谢您的关注');
  if (invitation.used) throw new AppError(409, 'survey_already_answered', '您已提交过本问卷，感谢您的参与');
  if (invitation.expires_at <= nowIso(ctx.clock.now()))
    throw new AppError(410, 'survey_link_expired', '问卷链接已过期，感谢您的关注');
  return { invitation, survey };
}

/** The questions a survey asks: its core version's, then the host's. */
export async function questionsOf(db: Executor, s: SurveyRow): Promise<{ core: Question[]; host: Question[] }> {
  return { core: await coreQuestions(db, s.core_version), host: json.parse<Question[]>(s.host_questions, []) };
}

/**
 * Records an answer. In ONE transaction: mark the invitation used only if it is not (a conditional update;
 * a parallel submit updates 0 rows and gets 409), then insert the answer. Anonymous mode: the answer row
 * carries no invitation, person, organisation or instant (only the Shanghai date, the organisation's size
 * class and kind for the splits), and no audit row is written — an audit row's instant, IP or ids would be
 * exactly the join anonymity forbids. Non-anonymous: the organisation is kept and the submission audited.
 */
export async function answerByToken(ctx: Ctx, props: { token: string; answers: AnswerBody['answers'] }): Promise<void> {
  const { invitation, survey } = await openLink(ctx, props.token);
  const q = await questionsOf(ctx.db, survey);
  const { answers, errors } = validateAnswers([...q.core, ...q.host], props.answers);
  if (errors.length) throw validationFailed(errors, '问卷填写有误，请检查标注的题目');
  const now = ctx.clock.now();
  const profile = await orgProfile(ctx.db, invitation.organisation_id);
  const anonymous = survey.anonymous === 1;
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await claimInvitation(trx, invitation.id, nowIso(now))))
      throw new AppError(409, 'survey_already_answered', '您已提交过本问卷，感谢您的参与');
    const id = newId();
    await insertAnswer(trx, {
      id,
      survey_id: survey.id,
      core_version: survey.core_version,
      answered_on: shanghaiToday(now),
      organisation_id: anonymous ? null : invitation.organisation_id,
      size_class: profile?.size_class ?? null,
      org_kind: profile?.kind ?? null,
      answers: json.stringify(answers),
    });
    if (!anonymous)
      await audit(trx, ctx, {
        entityType: 'survey_answer',
        entityId: id,
        action: 'submit',
        actorUserId: invitation.user_id,
        organisationId: invitation.organisation_id,
        after: { surveyId: survey.id, invitationId: invitation.id },
      });
  });
}
