/**
 * A real SMTP server in-process for tests (issue 12): accepts every message on 127.0.0.1 at a free port and
 * parses what arrives with mailparser into the given array, so a test reads subjects, text and links as a
 * recipient would. Used by the notification, account and e2e sign-up tests.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export async function startSmtpSink(mails: ParsedMail[]): Promise<{ server: SMTPServer; port: number }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then((m) => {
          mails.push(m);
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.server.address() as AddressInfo).port };
}
