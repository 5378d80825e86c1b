import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback for the mail tests: it keeps what it receives, can refuse chosen
 * recipients with a 550, can require a login, and can be stopped and started again on its port.
 */
export type TestSmtp = {
  host: string;
  port: number;
  received: ParsedMail[];
  /** Recipients refused with "550 5.1.1 … User unknown". */
  rejectRecipients: Set<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
};

export async function startSmtp(
  opts: { auth?: { user: string; pass: string }; port?: number } = {},
): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const rejectRecipients = new Set<string>();
  const make = () =>
    new SMTPServer({
      authOptional: !opts.auth,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, callback) {
        if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass) {
          return callback(null, { user: auth.username });
        }
        return callback(new Error('Invalid username or password'));
      },
      onRcptTo(address, _session, callback) {
        if (rejectRecipients.has(address.address)) {
          const error = new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`);
          (error as Error & { responseCode: number }).responseCode = 550;
          return callback(error);
        }
        return callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          received.push(mail);
          callback();
        }, callback);
      },
    });
  let server = make();
  let port = opts.port ?? 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    received,
    rejectRecipients,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async start() {
      server = make();
      await listen();
    },
  };
}
