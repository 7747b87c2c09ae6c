import workerOnboardedSample from './worker-onboarded.json' with { type: 'json' };

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
export const WORKER_ONBOARDED: string = JSON.stringify(workerOnboardedSample);
