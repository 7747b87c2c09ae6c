import { createServer } from 'node:http';
import type { EventOf, EventParseError, ListoEvent, UnknownListoEvent } from '@listo/events';
import express from 'express';
import { Hono } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createMemoryDeliveryStore,
  createWebhookHandler,
  type DeliveryClaim,
  type DeliveryStore,
  type WebhookAnswer,
  type WebhookDelivery,
  type WebhookEventHandlers,
} from '../src/index';
import { createNodeMiddleware } from '../src/node/index';

const secret = 'whk_…';
const all: WebhookEventHandlers = {
  'client.created': { 1: () => {} },
  'user.created': { 1: () => {} },
  'worker.onboarded': { 1: () => {} },
  'worker.updated': { 1: () => {} },
  'worker.contract.updated': { 1: () => {} },
  unknown: () => {},
};

describe('the full form (as createEventHandler takes it)', () => {
  it('types each handler’s event and delivery', () => {
    createWebhookHandler({
      secret,
      handlers: {
        ...all,
        'worker.onboarded': {
          1: (event, delivery) => {
            expectTypeOf(event).toEqualTypeOf<EventOf<'worker.onboarded', 1>>();
            expectTypeOf(event.data.workerId).toEqualTypeOf<`lglsowpr_${string}`>();
            expectTypeOf(delivery).toEqualTypeOf<WebhookDelivery>();
            expectTypeOf(delivery.webhookId).toEqualTypeOf<string>();
            expectTypeOf(delivery.timestamp).toEqualTypeOf<number>();
            expectTypeOf(delivery.attempt).toEqualTypeOf<number>();
            expectTypeOf(delivery.rawBody).toEqualTypeOf<Uint8Array>();
          },
        },
        unknown: (event) => expectTypeOf(event).toEqualTypeOf<UnknownListoEvent>(),
        invalid: (error, delivery) => {
          expectTypeOf(error).toEqualTypeOf<EventParseError>();
          expectTypeOf(delivery).toEqualTypeOf<WebhookDelivery>();
        },
      },
    });
  });

  it('lets handlers mix sync and async and return anything', () => {
    createWebhookHandler({
      secret,
      handlers: { ...all, 'client.created': { 1: async () => 42 }, unknown: () => 'logged' },
    });
  });

  it('requires every (type, dataVersion)', () => {
    const { 'worker.updated': _, ...missing } = all;
    // @ts-expect-error worker.updated is missing
    createWebhookHandler({ secret, handlers: missing });
    // @ts-expect-error unknown is missing (and no otherwise)
    createWebhookHandler({ secret, handlers: { ...all, unknown: undefined } });
  });

  it('refuses a handler of the wrong event', () => {
    createWebhookHandler({
      secret,
      handlers: {
        ...all,
        // @ts-expect-error a client.created handler cannot take a worker event
        'client.created': { 1: (event: EventOf<'worker.onboarded', 1>) => event },
      },
    });
  });
});

describe('the subset form (as createEventHandlerFor takes it)', () => {
  it('takes any subset plus otherwise, with typed events', () => {
    createWebhookHandler({
      secret,
      handlers: {
        'client.created': { 1: (event) => expectTypeOf(event).toEqualTypeOf<EventOf<'client.created', 1>>() },
        otherwise: (event, delivery) => {
          expectTypeOf(event).toEqualTypeOf<ListoEvent | UnknownListoEvent>();
          expectTypeOf(delivery).toEqualTypeOf<WebhookDelivery>();
        },
      },
    });
    createWebhookHandler({ secret, handlers: { otherwise: async () => {} } });
  });

  it('refuses a typo, an unknown data version, and unknown next to otherwise', () => {
    // @ts-expect-error no such event type
    createWebhookHandler({ secret, handlers: { 'client.crated': { 1: () => {} }, otherwise: () => {} } });
    // @ts-expect-error no such data version
    createWebhookHandler({ secret, handlers: { 'client.created': { 2: () => {} }, otherwise: () => {} } });
    // @ts-expect-error unknown (every event) or otherwise (a subset), not both
    createWebhookHandler({ secret, handlers: { ...all, otherwise: () => {} } });
  });
});

describe('options', () => {
  it('take a secret as a value, a rotation list or a provider', () => {
    const handlers = { otherwise: () => {} };
    createWebhookHandler({ secret: new Uint8Array(32), handlers });
    createWebhookHandler({ secret: ['whk_a', new Uint8Array(32)], handlers });
    createWebhookHandler({ secret: () => process.env.LISTO_WEBHOOK_SECRET!, handlers });
    createWebhookHandler({ secret: async () => ['whk_a', 'whk_b'], handlers });
    // @ts-expect-error a number is not a secret
    createWebhookHandler({ secret: 42, handlers });
    // @ts-expect-error an invalid delivery is acknowledged, with 200 or 202
    createWebhookHandler({ secret, handlers, invalidStatus: 400 });
  });

  it('take a store with a claim type of its own', () => {
    interface SqlClaim extends DeliveryClaim {
      readonly token: string;
    }
    const sql: DeliveryStore<SqlClaim> = {
      claim: async (webhookId) => ({ status: 'claimed', webhookId, attempt: 1, token: 't' }),
      complete: async (claim) => {
        expectTypeOf(claim.token).toEqualTypeOf<string>();
      },
      release: async () => {},
    };
    createWebhookHandler({ secret, handlers: { otherwise: () => {} }, store: sql });
    createWebhookHandler({ secret, handlers: { otherwise: () => {} }, store: createMemoryDeliveryStore() });
  });
});

describe('the handler', () => {
  const handler = createWebhookHandler({ secret, handlers: { otherwise: () => {} } });

  it('answers a Fetch Request, as Hono and Next.js want', () => {
    expectTypeOf(handler.fetch).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(handler.handle).returns.toEqualTypeOf<Promise<WebhookAnswer>>();
    new Hono().post('/webhooks/listo', (c) => handler.fetch(c.req.raw));
    const POST: (request: Request) => Promise<Response> = handler.fetch;
    void POST;
  });

  it('adapts to node:http and Express', () => {
    createServer(createNodeMiddleware(handler));
    express().post('/webhooks/listo', createNodeMiddleware(handler));
  });
});
