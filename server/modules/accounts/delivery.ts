/**
 * Sending one-time codes. A code goes to an address that may have no account yet, so it cannot be a row of
 * the notification outbox (whose rows belong to a user); it is sent with the outbox's transports (SMTP, the
 * SMS provider) right after the request's transaction commits, without the request waiting for it — the
 * answer and its timing are the same whatever is sent, and a failed channel never fails the request (the
 * person asks again after the countdown). With no transport configured outside production, the message is
 * written to the log only (development).
 *
 * Theme-day invitations and the "account created" note of an administrator's import leave the same way, for the
 * same reason (the address may have no account): see `CodeMessage`. Each SMS kind has its own approved template.
 */
import type { Transports } from '../notifications/delivery.ts';
import { CODE_PURPOSE_LABELS, CODE_TTL_SECONDS, type CodePurpose } from '../../../common/contracts/accounts.ts';

export type CodeMessage =
  | { kind: 'code'; channel: 'email' | 'sms'; address: string; purpose: CodePurpose; code: string }
  | { kind: 'already_registered'; channel: 'email' | 'sms'; address: string }
  /** An invitation to a theme day (server/modules/invitations): the link carries the token. */
  | {
      kind: 'invitation';
      channel: 'email' | 'sms';
      address: string;
      themeDayTitle: string;
      hostName: string;
      dates: string;
      /** The link's path (/invite/<token>); the platform's origin goes in front. */
      path: string;
      expires: string;
    }
  /** An account an administrator imported: no password yet, set one with a code on the reset page. */
  | { kind: 'account_created'; channel: 'email' | 'sms'; address: string; name: string; path: string };

/** How a message fared (for callers that record delivery, such as invitations). */
export type SendOutcome = { status: 'sent' | 'logged' | 'failed'; error?: string };

type Log = (line: string, data: object) => void;

let transports: Pick<Transports, 'email' | 'sms' | 'origin'> | null = null;
let log: Log = () => undefined;
let production = false;
const inFlight = new Set<Promise<void>>();

export function configureCodeDelivery(t: Pick<Transports, 'email' | 'sms' | 'origin'>, l: Log, isProduction: boolean) {
  transports = t;
  log = l;
  production = isProduction;
}

/** Whether codes can reach this channel (outside production the log stands in for a missing transport). */
export function codeChannelAvailable(channel: 'email' | 'sms'): boolean {
  return messageChannelAvailable(channel, 'code');
}

/**
 * Whether a message of this kind can reach this channel: e-mail needs SMTP; SMS needs a provider with the kind's
 * approved template (RT_SMS_CODE_TEMPLATE, RT_SMS_INVITE_TEMPLATE, RT_SMS_ACCOUNT_TEMPLATE). Outside production
 * the log stands in for a missing transport.
 */
export function messageChannelAvailable(channel: 'email' | 'sms', kind: 'code' | 'invitation' | 'account'): boolean {
  if (!production) return true;
  if (channel === 'email') return !!transports?.email;
  const sms = transports?.sms;
  return !!sms && (sms.supports?.(kind) ?? false);
}

const SUBJECT_PREFIX = '【融通创新主题日】';

function render(m: CodeMessage, origin: string): { subject: string; text: string; sms: Record<string, string> } {
  if (m.kind === 'invitation') {
    return {
      subject: `${SUBJECT_PREFIX}邀请您参加${m.themeDayTitle}`,
      text: [
        '您好：',
        '',
        `${m.hostName}诚挚邀请您参加融通创新主题日活动「${m.themeDayTitle}」（${m.dates}）。`,
        '请打开以下链接查看活动并报名（没有账号可直接注册）：',
        `${origin}${m.path}`,
        `链接 ${m.expires} 前有效，仅供本人使用，请勿转发。如非本人操作，请忽略本邮件。`,
        '',
        '此邮件由融通创新主题日平台自动发送，请勿直接回复。',
      ].join('\n'),
      sms: { title: m.themeDayTitle.slice(0, 35), url: `${origin}${m.path}` },
    };
  }
  if (m.kind === 'account_created') {
    return {
      subject: `${SUBJECT_PREFIX}您的平台账号已开通`,
      text: [
        `${m.name}，您好：`,
        '',
        '平台管理员已为您开通融通创新主题日平台账号，登录名为本邮箱（或手机号）。',
        '账号尚未设置密码：请打开以下页面，通过验证码设置密码后登录：',
        `${origin}${m.path}`,
        '如非本人，请忽略本邮件。',
        '',
        '此邮件由融通创新主题日平台自动发送，请勿直接回复。',
      ].join('\n'),
      sms: { name: m.name.slice(0, 20), url: `${origin}${m.path}` },
    };
  }
  if (m.kind === 'code') {
    const what = CODE_PURPOSE_LABELS[m.purpose];
    const minutes = CODE_TTL_SECONDS / 60;
    return {
      subject: `${SUBJECT_PREFIX}${what}验证码 ${m.code}`,
      text: [
        '您好：',
        '',
        `您正在${what}，验证码为：${m.code}`,
        `验证码 ${minutes} 分钟内有效，请勿告诉他人。如非本人操作，请忽略本邮件。`,
        '',
        '此邮件由融通创新主题日平台自动发送，请勿直接回复。',
      ].join('\n'),
      sms: { code: m.code, minutes: String(minutes) },
    };
  }
  return {
    subject: `${SUBJECT_PREFIX}该地址已注册账号`,
    text: [
      '您好：',
      '',
      '有人使用本地址申请注册融通创新主题日平台账号，但本地址已经注册，无需重复注册。',
      `请直接登录：${origin}/login`,
      '如忘记密码，请在登录页选择“忘记密码”，通过验证码重置。如非本人操作，请忽略本邮件。',
      '',
      '此邮件由融通创新主题日平台自动发送，请勿直接回复。',
    ].join('\n'),
    sms: { code: '', minutes: '0' },
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const SMS_KIND = { code: 'code', invitation: 'invitation', account_created: 'account' } as const;

/** A line that is a link becomes an <a> in the HTML part. */
const htmlLine = (l: string) =>
  /^https?:\/\/\S+$/.test(l) ? `<p><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></p>` : `<p>${escapeHtml(l)}</p>`;

async function send(m: CodeMessage): Promise<SendOutcome['status']> {
  const t = transports;
  const origin = t?.origin ?? '';
  const r = render(m, origin);
  if (m.channel === 'email' && t?.email) {
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head>
<body style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;color:#1f1f1f;line-height:1.7">
${r.text
  .split('\n')
  .map((l) => (l ? htmlLine(l) : ''))
  .join('\n')}
</body></html>`;
    await t.email.send({ to: m.address, subject: r.subject, text: r.text, html });
    return 'sent';
  }
  if (m.channel === 'sms' && t?.sms) {
    // Gateways send approved templates only; "already registered" has none and stays silent there.
    if (m.kind === 'already_registered') return 'sent';
    await t.sms.send({ phone: m.address, params: r.sms, kind: SMS_KIND[m.kind] });
    return t.sms.name === 'log' ? 'logged' : 'sent';
  }
  if (!production) {
    log('verification message (log only, not sent)', { to: m.address, subject: r.subject });
    return 'logged';
  }
  throw new Error(m.channel === 'email' ? 'e-mail (RT_SMTP_URL) is not configured' : 'SMS is off on this server');
}

/**
 * Sends after the caller's commit, in the background; failures go to the log. `settled` (optional) is told how
 * it went, e.g. to record the delivery status on an invitation; its own failure is logged too.
 */
export function sendCodeMessage(m: CodeMessage, settled?: (o: SendOutcome) => Promise<void>): void {
  const p = send(m)
    .then(
      (status): SendOutcome => ({ status }),
      (err: unknown): SendOutcome => {
        log('verification message failed', { to: m.address, err: String(err) });
        return { status: 'failed', error: (err instanceof Error ? err.message : String(err)).slice(0, 500) };
      },
    )
    .then((o) => settled?.(o))
    .catch((err: unknown) => log('recording a message outcome failed', { to: m.address, err: String(err) }))
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
}

/** Resolves when every message handed over so far has been sent or has failed (tests, shutdown). */
export async function codeSendsSettled(): Promise<void> {
  while (inFlight.size) await Promise.all([...inFlight]);
}
