import type { IncomingHttpHeaders } from 'node:http';
import express from 'express';
import { Hono } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';
import { verifyRequest } from '../src/fetch/index';
import {
  constantTimeEqual,
  generateSecret,
  WEBHOOK_ERROR_STATUS,
  WEBHOOK_HEADERS,
  Webhook,
  type WebhookSignedHeaders,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
  type WebhookVerificationErrorStatus,
} from '../src/index';
import { readRawBody, webhookMiddleware } from '../src/node/index';

const webhook = new Webhook('whk_c2VjcmV0');

describe('Webhook', () => {
  it('takes one secret or a rotation list of strings and bytes', () => {
    new Webhook('whsec_c2VjcmV0', { toleranceInSeconds: 60 });
    new Webhook(new Uint8Array(32));
    new Webhook(['whk_bmV3', 'whk_b2xk', new Uint8Array(32)]);
    // @ts-expect-error a number is not a secret
    new Webhook(42);
    // @ts-expect-error the option is toleranceInSeconds
    new Webhook('whk_c2VjcmV0', { tolerance: 60 });
  });

  it('returns unknown from verify, to be validated (e.g. by @listo/events parseEvent)', () => {
    expectTypeOf(webhook.verify('{}', {})).toEqualTypeOf<unknown>();
    expectTypeOf(webhook.verifyAsync('{}', {})).toEqualTypeOf<Promise<unknown>>();
    expectTypeOf(webhook.sign('id', 1, '{}')).toEqualTypeOf<string>();
    expectTypeOf(webhook.signAsync('id', new Date(), '{}')).toEqualTypeOf<Promise<string>>();
  });

  it('accepts Fetch Headers, Node headers and plain records', () => {
    webhook.verify('{}', new Headers());
    webhook.verify('{}', {} as IncomingHttpHeaders);
    webhook.verify(new Uint8Array(), { 'Webhook-Id': 'x', 'webhook-signature': ['v1,a', 'v1,b'] });
    webhook.verify(new ArrayBuffer(0), new Map<string, string>());
  });

  it('refuses an already-parsed body at compile time', () => {
    // @ts-expect-error the payload must be raw: a string or bytes
    webhook.verify({ id: 'x' }, {});
  });
});

describe('WebhookVerificationError', () => {
  it('has a code from a closed union, each with a status', () => {
    expectTypeOf<WebhookVerificationErrorCode>().toEqualTypeOf<
      | 'missing_header'
      | 'malformed_header'
      | 'timestamp_too_old'
      | 'timestamp_too_new'
      | 'no_matching_signature'
      | 'payload_not_json'
      | 'payload_too_large'
      | 'body_already_parsed'
    >();
    expectTypeOf(WEBHOOK_ERROR_STATUS.no_matching_signature).toEqualTypeOf<401>();
  });

  it('narrows with instanceof', () => {
    const error: unknown = new Error('x');
    if (error instanceof WebhookVerificationError) {
      expectTypeOf(error.code).toEqualTypeOf<WebhookVerificationErrorCode>();
      expectTypeOf(error.status).toEqualTypeOf<WebhookVerificationErrorStatus>();
    }
  });

  it('has a status from the union of the statuses it can hold', () => {
    expectTypeOf<WebhookVerificationErrorStatus>().toEqualTypeOf<400 | 401 | 413 | 500>();
    const error = new WebhookVerificationError('missing_header', 'Missing webhook-id header');
    // @ts-expect-error a 2xx is never a verification failure
    const ok: 200 = error.status;
    // @ts-expect-error nor is any other number
    const teapot: 418 = error.status;
    void [ok, teapot];
  });

  it('passes its status to Hono without a cast', () => {
    new Hono().post('/webhooks', (c) => {
      const error = new WebhookVerificationError('no_matching_signature', 'No v1 signature matches');
      return c.json({ error: error.code }, error.status);
    });
  });
});

describe('test helpers', () => {
  it('signHeaders returns the three signed headers, usable as Fetch or Node request headers', () => {
    const headers = webhook.signHeaders('lglsoevt_1', new Date(), '{}');
    expectTypeOf(headers).toEqualTypeOf<WebhookSignedHeaders>();
    expectTypeOf(headers).toEqualTypeOf<{
      readonly 'webhook-id': string;
      readonly 'webhook-timestamp': string;
      readonly 'webhook-signature': string;
    }>();
    expectTypeOf(webhook.signHeadersAsync('lglsoevt_1', 1, '{}')).toEqualTypeOf<
      Promise<WebhookSignedHeaders>
    >();
    new Headers(headers);
    new Request('http://x', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' } });
    const asRecord: Record<string, string> = headers;
    void asRecord;
    // @ts-expect-error the payload must be raw
    webhook.signHeaders('lglsoevt_1', 1, { id: 'x' });
  });

  it('names the headers with literal types', () => {
    expectTypeOf(WEBHOOK_HEADERS.id).toEqualTypeOf<'webhook-id'>();
    expectTypeOf(WEBHOOK_HEADERS.timestamp).toEqualTypeOf<'webhook-timestamp'>();
    expectTypeOf(WEBHOOK_HEADERS.signature).toEqualTypeOf<'webhook-signature'>();
    // @ts-expect-error the names are read-only
    WEBHOOK_HEADERS.id = 'svix-id';
  });

  it('generateSecret returns a string; constantTimeEqual takes strings or bytes', () => {
    expectTypeOf(generateSecret()).toEqualTypeOf<string>();
    expectTypeOf(constantTimeEqual('a', 'b')).toEqualTypeOf<boolean>();
    constantTimeEqual(new Uint8Array(1), Buffer.from('a'));
    // @ts-expect-error numbers are not compared
    constantTimeEqual(1, 2);
  });
});

describe('adapters', () => {
  it('verifyRequest takes any Fetch Request', () => {
    expectTypeOf(verifyRequest(new Request('http://x'), webhook)).toEqualTypeOf<Promise<unknown>>();
  });

  it('webhookMiddleware fits an Express route, and readRawBody resolves to a Buffer', () => {
    express().post('/webhooks', webhookMiddleware(webhook, { limit: 65_536 }), (_req, res) => res.end());
    expectTypeOf(readRawBody).returns.toEqualTypeOf<Promise<Buffer>>();
  });
});
