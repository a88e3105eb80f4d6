import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer | string; contentType: string }[];
  /** A calendar invitation (RFC 5545 text), sent as the text/calendar part mail clients offer to add. */
  icalEvent?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string; filename: string };
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * E-mail through the SMTP server of SMTP_URL (smtp:// with STARTTLS when offered, smtps:// for
 * TLS from the start); null when none is configured, and alerts then stay in the app.
 */
export function createMailer(options: { smtpUrl: string | undefined; mailFrom: string }): Mailer | null {
  if (!options.smtpUrl) return null;
  const url = new URL(options.smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // A mail server that does not answer must not hold the alerts run for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transport.sendMail({
        from: options.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: message.attachments,
        icalEvent: message.icalEvent,
      });
    },
    close: () => transport.close(),
  };
}
