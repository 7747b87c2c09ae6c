/** The published Standard Webhooks test vector (standard-webhooks/standard-webhooks, libraries' sign tests). */
export const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  msgId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
} as const;

/** The vector's key in Listo's `whk_` base64url form. */
export const VECTOR_WHK: string = `whk_${VECTOR.secret.slice('whsec_'.length)}`;

export function vectorHeaders(signature: string = VECTOR.signature): Record<string, string> {
  return {
    'webhook-id': VECTOR.msgId,
    'webhook-timestamp': String(VECTOR.timestamp),
    'webhook-signature': signature,
  };
}

/** The `worker.onboarded` sample delivery body from the Listo guides (about 1.3 KB). */
export const WORKER_ONBOARDED: string = JSON.stringify({
  id: 'lglsoevt_uZL2qPRsTH9NbXeC1',
  type: 'worker.onboarded',
  specVersion: 1,
  dataVersion: 1,
  occurredAt: '2026-05-02T11:42:24.118Z',
  entity: { type: 'worker', id: 'lglsowpr_uZIIQiu8Q5zhUXgbR' },
  data: {
    clientId: 'lglsocli_uZIIHfKqYBwyaRGGs',
    workerId: 'lglsowpr_uZIIQiu8Q5zhUXgbR',
    workerProfileId: 'lglsowpf_uYZRk9GHTcCqMpL4n',
    email: 'alex.kim@example.com',
    firstName: 'Alex',
    lastName: 'Kim',
    fullName: 'Alex Kim',
    phone: '+12025550101',
    dateOfBirth: '1992-08-14',
    address: {
      address1: '742 Evergreen Terrace',
      address2: null,
      city: 'Springfield',
      isoCountryCode: 'US',
      postalCode: '97402',
      zoneCode: 'OR',
    },
    organizationUnit: { id: 'lglsoorgu_uVwPa92qXz', name: 'Engineering' },
    organizationLocation: { id: 'lglsoorgl_uTpQa83jYx', name: 'Springfield HQ' },
    contracts: [
      {
        id: 'lglsoctc_uXYZ1aBcD2EfG3hJ4',
        clientId: 'lglsocli_uZIIHfKqYBwyaRGGs',
        name: 'Alex Kim — Senior Engineer',
        status: 'EXECUTED',
        billingFrequency: 'MONTHLY',
        isoCountryCode: 'US',
        jobTitle: 'Senior Engineer',
        startDate: '2026-05-02',
        contractEndDate: null,
        createdAt: '2026-04-28T17:09:11.000Z',
        engagementType: 'EOR',
        managerId: 'lglsousr_uXYZxLtq9ABvCdEf2',
      },
    ],
    links: {
      self: '/v2/instance-integrations/inst_abc123xyz/clients/lglsocli_uZIIHfKqYBwyaRGGs/workers/lglsowpr_uZIIQiu8Q5zhUXgbR',
    },
  },
});
