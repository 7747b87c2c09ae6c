/** The facts of one delivery attempt, handed to every handler next to the event. */
export interface WebhookDelivery {
  /** `webhook-id`: the event's id, the same on every attempt and duplicate (the dedupe key). */
  readonly webhookId: string;
  /** `webhook-timestamp`: when Listo signed this attempt, in Unix seconds (fresh on every attempt). */
  readonly timestamp: number;
  /**
   * Which attempt this is, as the store saw it: 1 the first time this `webhookId` is handled, then one more for each
   * earlier attempt that failed (its handler threw, or its claim's lease ran out).
   */
  readonly attempt: number;
  /** When this request arrived. */
  readonly receivedAt: Date;
  /** The raw, signed body bytes, exactly as received. */
  readonly rawBody: Uint8Array;
}
