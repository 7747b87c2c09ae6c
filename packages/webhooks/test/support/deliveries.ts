import { Webhook } from '../../src/index';

/** A Listo-style signing key, in the `whk_` base64url form the Listo team hands out. */
export const SECRET = 'whk_c2FtcGxlLWxpc3RvLXNpZ25pbmcta2V5LTMyYnl0ZXM';

export const EVENT = {
  id: 'lglsoevt_uZJK2rPmA1nGqvE5w',
  type: 'client.created',
  specVersion: 1,
  dataVersion: 1,
  occurredAt: '2026-05-02T10:14:32.184Z',
  entity: { type: 'client', id: 'lglsocli_uZIIHfKqYBwyaRGGs' },
  data: { clientId: 'lglsocli_uZIIHfKqYBwyaRGGs', name: 'Acme — Zürich' },
};

/** A signed delivery as Listo sends it: headers and raw JSON body, timestamped now. */
export function signedDelivery(body: string = JSON.stringify(EVENT)): {
  headers: Record<string, string>;
  body: string;
} {
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'ListoGlobal-Gateway/1.0',
      ...new Webhook(SECRET).signHeaders(EVENT.id, new Date(), body),
    },
  };
}
