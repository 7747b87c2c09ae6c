import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { createLogger } from '../src/logger';

const SECRET = `whk_${Buffer.from('a-very-secret-signing-key-000001').toString('base64url')}`;

describe('configuration from the environment', () => {
  it('applies defaults: embedded store in ./.data, port 3000', () => {
    const config = loadConfig({ LISTO_WEBHOOK_SECRET: SECRET });
    expect(config).toMatchObject({
      port: 3000,
      webhookSecrets: [SECRET],
      databaseUrl: undefined,
      dataDir: './.data',
      apiKey: undefined,
    });
  });

  it('reads several comma-separated secrets for a key rotation, and treats an empty DATABASE_URL as unset', () => {
    const other = `whsec_${Buffer.from('another-key').toString('base64')}`;
    const config = loadConfig({
      LISTO_WEBHOOK_SECRET: ` ${SECRET} , ${other}`,
      DATABASE_URL: '',
      PORT: '8080',
    });
    expect(config.webhookSecrets).toEqual([SECRET, other]);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(8080);
  });

  it('lists every problem by variable name, without echoing any value', () => {
    let error: unknown;
    try {
      loadConfig({
        LISTO_WEBHOOK_SECRET: 'sk_live_not-a-listo-key',
        PORT: 'eighty',
        DATABASE_URL: 'mysql://u:pw@h/db',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/LISTO_WEBHOOK_SECRET/);
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).not.toContain('sk_live_not-a-listo-key');
    expect(message).not.toContain('pw@h');
  });

  it('requires a webhook secret', () => {
    expect(() => loadConfig({})).toThrow(/LISTO_WEBHOOK_SECRET/);
  });
});

describe('structured logs', () => {
  it('never contain a secret or an API key, even when whole objects are logged', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    const config = loadConfig({
      LISTO_WEBHOOK_SECRET: SECRET,
      LISTO_API_KEY: 'k'.repeat(64),
      DATABASE_URL: 'postgres://app:hunter2@db:5432/app',
    });
    logger.info({ config }, 'config');
    logger.info(
      { headers: { 'x-api-key': 'k'.repeat(64), 'webhook-signature': 'v1,abc', authorization: 'Bearer t' } },
      'req',
    );
    logger.info({ apiKey: 'k'.repeat(64), secret: SECRET }, 'flat');
    const out = lines.join('');
    expect(lines).toHaveLength(3);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('k'.repeat(64));
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('Bearer t');
    expect(out).toContain('[redacted]');
  });
});
