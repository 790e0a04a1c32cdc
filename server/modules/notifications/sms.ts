/**
 * SMS through a provider interface (issue 12 §2). Chinese gateways send only pre-approved templates with
 * parameters, signed with the account's key; the app sends one template for notifications with `${title}` and
 * `${time}`, and one per other kind of message (`SmsTemplateKind`: one-time codes, invitations, imported accounts). Two adapters: Aliyun's dysmsapi (SendSms, RPC-style HMAC-SHA1 signature) and a log-only one for
 * development that sends nothing.
 */
import { createHmac, randomUUID } from 'node:crypto';

/** What an SMS is: each kind is its own approved template at the gateway (notifications by default). */
export type SmsTemplateKind = 'notification' | 'code' | 'invitation' | 'account';

export interface SmsMessage {
  phone: string;
  params: Record<string, string>;
  /** Which template carries it (default `notification`). */
  kind?: SmsTemplateKind;
}

export interface SmsProvider {
  readonly name: string;
  /** The template code this provider sends (recorded with each message). */
  readonly template: string;
  /** Sends one message; resolves to the gateway's message id, rejects with a readable error. */
  send(msg: SmsMessage): Promise<string>;
  /** Whether a template for this kind of message is configured (the log provider takes every kind). */
  supports?(kind: SmsTemplateKind): boolean;
}

/** Development: every message is written to the log and counts as sent. */
export function logSmsProvider(log: (line: string, data: object) => void): SmsProvider {
  return {
    name: 'log',
    template: 'log',
    supports: () => true,
    send(msg) {
      log('SMS (log only, not sent)', { phone: msg.phone, kind: msg.kind ?? 'notification', params: msg.params });
      return Promise.resolve(`log-${randomUUID()}`);
    },
  };
}

/** RFC 3986 percent-encoding as the Aliyun RPC signature requires (space → %20, `*` → %2A, `~` kept). */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The RPC signature: HMAC-SHA1 over `METHOD&%2F&encode(sorted query)` with `secret&`, base64. */
export function aliyunSignature(params: Record<string, string>, secret: string, method: 'GET' | 'POST'): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
  const toSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(toSign).digest('base64');
}

export interface AliyunSmsOptions {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  /** Template codes of the other kinds of message (RT_SMS_CODE_TEMPLATE…); a kind without one is not sent. */
  templates?: Partial<Record<Exclude<SmsTemplateKind, 'notification'>, string>>;
  timeoutMs?: number;
  now?: () => Date;
}

/** 阿里云短信服务 SendSms (API version 2017-05-25), POSTed as a form with the RPC signature. */
export function aliyunSmsProvider(o: AliyunSmsOptions): SmsProvider {
  return {
    name: 'aliyun',
    template: o.templateCode,
    supports: (kind) => (kind === 'notification' ? !!o.templateCode : !!o.templates?.[kind]),
    async send(msg) {
      const kind = msg.kind ?? 'notification';
      const templateCode = kind === 'notification' ? o.templateCode : o.templates?.[kind];
      if (!templateCode) throw new Error(`no SMS template is configured for ${kind} messages`);
      const params: Record<string, string> = {
        AccessKeyId: o.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: msg.phone,
        RegionId: 'cn-hangzhou',
        SignName: o.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: templateCode,
        TemplateParam: JSON.stringify(msg.params),
        Timestamp: (o.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
      };
      const body = new URLSearchParams({ ...params, Signature: aliyunSignature(params, o.accessKeySecret, 'POST') });
      const res = await fetch(o.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      const text = await res.text();
      let data: { Code?: string; Message?: string; BizId?: string } = {};
      try {
        data = JSON.parse(text) as typeof data;
      } catch {
        throw new Error(`SMS gateway answered ${res.status} with a body that is not JSON`);
      }
      if (!res.ok || data.Code !== 'OK') {
        throw new Error(`SMS gateway refused: ${data.Code ?? res.status} ${data.Message ?? ''}`.trim());
      }
      return data.BizId ?? '';
    },
  };
}
