import { z } from 'zod';
import type { Subscription } from '../gateway/webhook-gateway';
import type { RequestContext } from '../http/http-server';
import { type Params, Router } from '../http/router';
import { addressPatch, idField, isoDate, parseBody, personFields, rejectingBadInput } from './admin-input';
import type { AdminContext, AdminSandbox } from './admin-sandbox';

/** A command-line flag that fills one field of the request body. */
export interface AdminFlag {
  /** The body field it fills. */
  field: string;
  /** `number` flags are converted; `list` flags repeat and make an array. */
  kind: 'string' | 'number' | 'list';
  /** Shown in the usage text, e.g. `<lglsocli_…>`. */
  value: string;
  required?: boolean;
}

/** How `listo-sandbox <command>` calls a route. */
export interface AdminCommand {
  command: string;
  /** The positional argument: a path parameter (`{name}` in the path) or a body field. */
  argument?: { name: string; value: string; in: 'path' | 'body' };
  flags?: Readonly<Record<string, AdminFlag>>;
  /** How the CLI prints the answer: as JSON (the default), or one line per delivery attempt. */
  output?: 'json' | 'delivery-runs';
}

/** One admin endpoint, and the CLI command that calls it: the single table both are built from. */
export interface AdminRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** What it does, for `listo-sandbox help`. */
  summary: string;
  cli?: AdminCommand;
  handle(sandbox: AdminSandbox, params: Params, body: unknown): unknown;
}

const person = {
  email: { field: 'email', kind: 'string', value: '<e>' },
  'first-name': { field: 'firstName', kind: 'string', value: '<n>' },
  'last-name': { field: 'lastName', kind: 'string', value: '<n>' },
} as const satisfies Record<string, AdminFlag>;
const installation = { field: 'installationId', kind: 'string', value: '<inst_…>' } as const;

const chaosBody = z.strictObject({
  duplicateRate: z.number().optional(),
  reorderWindowMs: z.number().optional(),
  delayMs: z.number().optional(),
});

/** Subscriptions are listed without their secrets: only how many keys currently sign. */
function redact(subscription: Subscription): Omit<Subscription, 'secrets'> & { signingKeys: number } {
  const { secrets, ...rest } = subscription;
  return { ...rest, signingKeys: secrets.length };
}

/**
 * `/__admin/*`: what Listo's own back office would do. Each mutation changes the dataset, emits its event to
 * the installation's subscriptions and answers `{ installationId, entity, event, scheduled }`.
 */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  {
    method: 'POST',
    path: '/__admin/subscriptions',
    summary: 'Registers a webhook URL for an installation (the first one by default).',
    cli: {
      command: 'subscribe',
      flags: {
        url: { field: 'url', kind: 'string', value: '<url>', required: true },
        secret: { field: 'secret', kind: 'string', value: '<whk_…>', required: true },
        installation,
        'event-type': { field: 'eventTypes', kind: 'list', value: '<type>' },
      },
    },
    handle: (sandbox, _, body) => {
      const input = parseBody(
        z.strictObject({
          url: z.string(),
          secret: z.string().optional(),
          secrets: z.array(z.string()).optional(),
          installationId: idField('installation').optional(),
          eventTypes: z.array(z.string().min(1)).optional(),
        }),
        body,
      );
      return redact(rejectingBadInput(() => sandbox.subscribe(input)));
    },
  },
  {
    method: 'GET',
    path: '/__admin/subscriptions',
    summary: 'Lists the subscriptions (without their secrets).',
    cli: { command: 'subscriptions' },
    handle: (sandbox) => sandbox.subscriptions().map(redact),
  },
  {
    method: 'DELETE',
    path: '/__admin/subscriptions/{subscriptionId}',
    summary: 'Removes a subscription.',
    cli: { command: 'unsubscribe', argument: { name: 'subscriptionId', value: '<sub_…>', in: 'path' } },
    handle: (sandbox, { subscriptionId }) => ({ deleted: sandbox.unsubscribe(subscriptionId as string) }),
  },
  {
    method: 'POST',
    path: '/__admin/subscriptions/{subscriptionId}/rotate',
    summary:
      'Starts a key rotation: deliveries carry a signature for the old key(s) and one for the new key.',
    cli: {
      command: 'rotate-secret',
      argument: { name: 'subscriptionId', value: '<sub_…>', in: 'path' },
      flags: { secret: { field: 'secret', kind: 'string', value: '<whk_…>', required: true } },
    },
    handle: (sandbox, { subscriptionId }, body) => {
      const { secret } = parseBody(z.strictObject({ secret: z.string() }), body);
      return redact(rejectingBadInput(() => sandbox.rotateSecret(subscriptionId as string, secret)));
    },
  },
  {
    method: 'POST',
    path: '/__admin/subscriptions/{subscriptionId}/complete-rotation',
    summary: 'Ends a key rotation: only the newest key signs.',
    cli: { command: 'complete-rotation', argument: { name: 'subscriptionId', value: '<sub_…>', in: 'path' } },
    handle: (sandbox, { subscriptionId }) => redact(sandbox.completeRotation(subscriptionId as string)),
  },
  {
    method: 'POST',
    path: '/__admin/clients',
    summary: 'Adds a client; emits client.created.',
    cli: {
      command: 'create-client',
      flags: { installation, name: { field: 'name', kind: 'string', value: '<name>' } },
    },
    handle: (sandbox, _, body) =>
      sandbox.createClient(
        parseBody(
          z.strictObject({
            installationId: idField('installation').optional(),
            name: z.string().min(1).optional(),
            address: addressPatch.optional(),
          }),
          body,
        ),
      ),
  },
  {
    method: 'POST',
    path: '/__admin/users',
    summary: 'Adds a dashboard user; emits user.created.',
    cli: {
      command: 'create-user',
      flags: {
        client: { field: 'clientId', kind: 'string', value: '<lglsocli_…>', required: true },
        ...person,
      },
    },
    handle: (sandbox, _, body) =>
      sandbox.createUser(parseBody(z.strictObject({ clientId: idField('client'), ...personFields }), body)),
  },
  {
    method: 'POST',
    path: '/__admin/workers/onboard',
    summary: 'Adds a worker with an EXECUTED contract; emits worker.onboarded.',
    cli: {
      command: 'onboard-worker',
      flags: {
        client: { field: 'clientId', kind: 'string', value: '<lglsocli_…>', required: true },
        ...person,
        'job-title': { field: 'jobTitle', kind: 'string', value: '<t>' },
      },
    },
    handle: (sandbox, _, body) =>
      sandbox.onboardWorker(
        parseBody(
          z.strictObject({
            clientId: idField('client'),
            ...personFields,
            phone: z.string().nullable().optional(),
            dateOfBirth: isoDate.nullable().optional(),
            address: addressPatch.optional(),
            jobTitle: z.string().min(1).optional(),
            engagementType: z.string().min(1).optional(),
            startDate: isoDate.optional(),
          }),
          body,
        ),
      ),
  },
  {
    method: 'POST',
    path: '/__admin/workers/{workerId}/update',
    summary: 'Changes profile fields; emits worker.updated.',
    cli: {
      command: 'update-worker',
      argument: { name: 'workerId', value: '<lglsowpr_…>', in: 'path' },
      flags: { ...person, phone: { field: 'phone', kind: 'string', value: '<p>' } },
    },
    handle: (sandbox, { workerId }, body) =>
      sandbox.updateWorker(
        workerId as `lglsowpr_${string}`,
        parseBody(
          z.strictObject({
            ...personFields,
            phone: z.string().nullable().optional(),
            dateOfBirth: isoDate.nullable().optional(),
            address: addressPatch.optional(),
            organizationUnitId: idField('organizationUnit').nullable().optional(),
            organizationLocationId: idField('organizationLocation').nullable().optional(),
          }),
          body,
        ),
      ),
  },
  {
    method: 'POST',
    path: '/__admin/contracts/{contractId}',
    summary:
      "Changes a contract; emits worker.contract.updated (or worker.onboarded for a worker's first EXECUTED contract).",
    cli: {
      command: 'change-contract',
      argument: { name: 'contractId', value: '<lglsoctc_…>', in: 'path' },
      flags: {
        status: { field: 'status', kind: 'string', value: '<s>' },
        'job-title': { field: 'jobTitle', kind: 'string', value: '<t>' },
        manager: { field: 'managerId', kind: 'string', value: '<lglsousr_…>' },
      },
    },
    handle: (sandbox, { contractId }, body) =>
      sandbox.changeContract(
        contractId as `lglsoctc_${string}`,
        parseBody(
          z.strictObject({
            status: z.string().min(1).optional(),
            jobTitle: z.string().min(1).optional(),
            managerId: idField('user').nullable().optional(),
            contractEndDate: isoDate.nullable().optional(),
          }),
          body,
        ),
      ),
  },
  {
    method: 'POST',
    path: '/__admin/events',
    summary:
      'Emits an event of any type, creating the entities it reports so that links.self resolves; a type (or version) @listo/events does not know is a minimal envelope.',
    cli: {
      command: 'trigger',
      argument: { name: 'type', value: '<event type>', in: 'body' },
      flags: {
        'data-version': { field: 'dataVersion', kind: 'number', value: '<n>' },
        installation,
        client: { field: 'clientId', kind: 'string', value: '<lglsocli_…>' },
      },
    },
    handle: (sandbox, _, body) => {
      const { type, ...options } = parseBody(
        z.strictObject({
          type: z.string().min(1),
          // The CLI sent it as a string before it converted flags; both forms are accepted.
          dataVersion: z.coerce.number().int().positive().optional(),
          installationId: idField('installation').optional(),
          clientId: idField('client').optional(),
        }),
        body,
      );
      return sandbox.trigger(type, options);
    },
  },
  {
    method: 'POST',
    path: '/__admin/events/{webhookId}/resend',
    summary:
      'Sends a published event again (same webhook-id and body, fresh timestamp and signature) and answers with every attempt.',
    cli: {
      command: 'resend',
      argument: { name: 'webhookId', value: '<webhook-id>', in: 'path' },
      flags: { subscription: { field: 'subscriptionId', kind: 'string', value: '<sub_…>' } },
      output: 'delivery-runs',
    },
    handle: (sandbox, { webhookId }, body) =>
      sandbox.resend(
        webhookId as string,
        parseBody(z.strictObject({ subscriptionId: z.string().min(1).optional() }), body),
      ),
  },
  {
    method: 'GET',
    path: '/__admin/deliveries',
    summary: 'The delivery log: every attempt, with its status and the start of the answer.',
    cli: { command: 'deliveries' },
    handle: (sandbox) => sandbox.deliveries,
  },
  {
    method: 'GET',
    path: '/__admin/dataset',
    summary: 'The whole current dataset.',
    cli: { command: 'dataset' },
    handle: (sandbox) => sandbox.dataset,
  },
  {
    method: 'GET',
    path: '/__admin/chaos',
    summary: 'Shows the chaos switches.',
    cli: { command: 'chaos' },
    handle: (sandbox) => sandbox.chaos,
  },
  {
    method: 'POST',
    path: '/__admin/chaos',
    summary: 'Changes the chaos switches.',
    cli: {
      command: 'chaos',
      flags: {
        'duplicate-rate': { field: 'duplicateRate', kind: 'number', value: '<0..1>' },
        'reorder-window-ms': { field: 'reorderWindowMs', kind: 'number', value: '<n>' },
        'delay-ms': { field: 'delayMs', kind: 'number', value: '<n>' },
      },
    },
    handle: (sandbox, _, body) => {
      const chaos = parseBody(chaosBody, body);
      rejectingBadInput(() => sandbox.setChaos(chaos));
      return sandbox.chaos;
    },
  },
];

/** The admin endpoint's router, built from {@link ADMIN_ROUTES}. */
export function createAdminRouter(): Router<AdminContext & RequestContext> {
  const router = new Router<AdminContext & RequestContext>();
  for (const route of ADMIN_ROUTES) {
    router.add(route.method, route.path, (params, { sandbox, body }) => route.handle(sandbox, params, body));
  }
  return router;
}
