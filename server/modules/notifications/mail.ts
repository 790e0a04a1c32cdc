/**
 * Notification e-mail (issue 12 §2): a Chinese subject, plain text and HTML with the same content, and an
 * absolute link to the item (the web route of common/links.ts on the platform's public address).
 */
import { createTransport } from 'nodemailer';
import { links } from '../../../common/links.ts';

export interface MailContent {
  title: string;
  body: string | null;
  link: string | null;
  name: string;
}

const SUBJECT_PREFIX = '【融通创新主题日】';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Subject, text and HTML of one notification e-mail; `origin` is the platform's address (no trailing slash). */
export function renderMail(c: MailContent, origin: string): { subject: string; text: string; html: string } {
  const url = c.link ? `${origin}${c.link}` : null;
  const settings = `${origin}${links.notificationSettings()}`;
  const text = [
    `${c.name}，您好：`,
    '',
    c.title,
    ...(c.body ? [c.body] : []),
    '',
    ...(url ? [`查看详情：${url}`, ''] : []),
    '此邮件由融通创新主题日平台自动发送，请勿直接回复。',
    `调整接收方式：${settings}`,
  ].join('\n');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(c.title)}</title></head>
<body style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;color:#1f1f1f;line-height:1.7">
<p>${escapeHtml(c.name)}，您好：</p>
<p style="font-size:16px;font-weight:600">${escapeHtml(c.title)}</p>
${c.body ? `<p>${escapeHtml(c.body).replace(/\n/g, '<br>')}</p>` : ''}
${url ? `<p><a href="${escapeHtml(url)}" style="color:#1677ff">查看详情</a></p>` : ''}
<hr style="border:none;border-top:1px solid #eee">
<p style="color:#8c8c8c;font-size:12px">此邮件由融通创新主题日平台自动发送，请勿直接回复。<a href="${escapeHtml(settings)}" style="color:#8c8c8c">调整接收方式</a></p>
</body></html>`;
  return { subject: `${SUBJECT_PREFIX}${c.title}`, text, html };
}

export interface MailSender {
  send(m: { to: string; subject: string; text: string; html: string }): Promise<string>;
  close(): void;
}

/** An SMTP sender over nodemailer; short timeouts, because a retry comes later anyway. */
export function smtpSender(url: string, from: string): MailSender {
  const transport = createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(m) {
      const info = await transport.sendMail({ from, ...m });
      return info.messageId;
    },
    close: () => transport.close(),
  };
}
