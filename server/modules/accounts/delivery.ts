/**
 * Sending one-time codes. A code goes to an address that may have no account yet, so it cannot be a row of
 * the notification outbox (whose rows belong to a user); it is sent with the outbox's transports (SMTP, the
 * SMS provider) right after the request's transaction commits, without the request waiting for it — the
 * answer and its timing are the same whatever is sent, and a failed channel never fails the request (the
 * person asks again after the countdown). With no transport configured outside production, the message is
 * written to the log only (development).
 */
import type { Transports } from '../notifications/delivery.ts';
import { CODE_PURPOSE_LABELS, CODE_TTL_SECONDS, type CodePurpose } from '../../../common/contracts/accounts.ts';

export type CodeMessage =
  | { kind: 'code'; channel: 'email' | 'sms'; address: string; purpose: CodePurpose; code: string }
  | { kind: 'already_registered'; channel: 'email' | 'sms'; address: string };

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
  if (!production) return true;
  return channel === 'email' ? !!transports?.email : !!transports?.sms;
}

const SUBJECT_PREFIX = '【融通创新主题日】';

function render(m: CodeMessage, origin: string): { subject: string; text: string; sms: Record<string, string> } {
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

async function send(m: CodeMessage): Promise<void> {
  const t = transports;
  const origin = t?.origin ?? '';
  const r = render(m, origin);
  if (m.channel === 'email' && t?.email) {
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head>
<body style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;color:#1f1f1f;line-height:1.7">
${r.text
  .split('\n')
  .map((l) => (l ? `<p>${escapeHtml(l)}</p>` : ''))
  .join('\n')}
</body></html>`;
    await t.email.send({ to: m.address, subject: r.subject, text: r.text, html });
    return;
  }
  if (m.channel === 'sms' && t?.sms) {
    // Only codes go by SMS (gateways send approved templates only); "already registered" stays silent there.
    if (m.kind === 'code') await t.sms.send({ phone: m.address, params: r.sms });
    return;
  }
  if (!production) log('verification message (log only, not sent)', { to: m.address, subject: r.subject });
}

/** Sends after the caller's commit, in the background; failures go to the log. */
export function sendCodeMessage(m: CodeMessage): void {
  const p = send(m)
    .catch((err: unknown) => log('verification message failed', { to: m.address, err: String(err) }))
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
}

/** Resolves when every message handed over so far has been sent or has failed (tests, shutdown). */
export async function codeSendsSettled(): Promise<void> {
  while (inFlight.size) await Promise.all([...inFlight]);
}
