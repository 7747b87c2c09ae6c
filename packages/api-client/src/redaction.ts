import {
  ListoApiError,
  type ListoApiErrorInit,
  type ListoApiErrorKind,
  type ListoApiErrorOf,
} from './listo-api-error';

const REDACTED = '[redacted]';

export interface Redaction {
  /** Replaces every occurrence of the API key (as sent, and percent-encoded) in `text`. */
  redact(text: string): string;
  /** Whether `text` mentions the API key in any form `redact` removes. */
  mentionsKey(text: string): boolean;
  /**
   * The only way the client makes a {@link ListoApiError}: every string field passes `redact`, and a
   * `cause` that mentions the key is dropped, whatever part of a response or an exception it came from.
   */
  error<K extends ListoApiErrorKind>(init: ListoApiErrorInit<K>): ListoApiErrorOf<K>;
}

export function createRedaction(apiKey: string): Redaction {
  const forms = [...new Set([apiKey, encodeURIComponent(apiKey)])];
  const mentionsKey = (text: string): boolean => forms.some((form) => text.includes(form));
  const redact = (text: string): string => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };

  function causeMentionsKey(cause: unknown): boolean {
    try {
      if (cause instanceof Error)
        return mentionsKey(`${cause.message}\n${cause.stack ?? ''}\n${String(cause.cause)}`);
      return mentionsKey(String(cause));
    } catch {
      return true; // a cause that cannot even be rendered is not worth the risk
    }
  }

  return {
    redact,
    mentionsKey,
    error<K extends ListoApiErrorKind>(init: ListoApiErrorInit<K>): ListoApiErrorOf<K> {
      const { cause, ...rest } = init as ListoApiErrorInit;
      const redacted = {
        ...rest,
        message: redact(rest.message),
        method: redact(rest.method),
        path: redact(rest.path),
        ...(cause === undefined || causeMentionsKey(cause) ? {} : { cause }),
      } as ListoApiErrorInit<K>;
      return new ListoApiError(redacted);
    },
  };
}
