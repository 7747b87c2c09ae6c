// Prints, as JSON, the delivery facts as three places state them: @listo/events (WEBHOOK_DELIVERY_FACTS, their
// home, and the headers of its AsyncAPI document), the sandbox's gateway (LISTO_DELIVERY_POLICY, its User-Agent,
// read from that home) and @listo/webhooks (header names, the window it enforces, measured by verifying
// deliveries signed 299 and 301 seconds ago; it may not import @listo/events). Run with
// `node --conditions=@listo/source --import tsx`.
import { WEBHOOK_HEADERS_SCHEMA } from '../../packages/events/scripts/generate-asyncapi-document.ts';
import { WEBHOOK_DELIVERY_FACTS } from '../../packages/events/src/index.ts';
import { GATEWAY_USER_AGENT, LISTO_DELIVERY_POLICY } from '../../packages/sandbox/src/index.ts';
import { generateSecret, WEBHOOK_HEADERS, Webhook } from '../../packages/webhooks/src/index.ts';

const webhook = new Webhook(generateSecret());
const acceptsAge = (seconds) => {
  const timestamp = Math.floor(Date.now() / 1000) - seconds;
  const body = '{"id":"lglsoevt_a"}';
  try {
    webhook.verify(body, webhook.signHeaders('lglsoevt_a', timestamp, body));
    return true;
  } catch {
    return false;
  }
};
console.log(
  JSON.stringify({
    asyncapi: { ...WEBHOOK_DELIVERY_FACTS, headers: WEBHOOK_HEADERS_SCHEMA.required },
    sandbox: { ...LISTO_DELIVERY_POLICY, userAgent: GATEWAY_USER_AGENT },
    webhooks: {
      headers: Object.values(WEBHOOK_HEADERS),
      accepts299: acceptsAge(299),
      accepts301: acceptsAge(301),
    },
  }),
);
