import { bodyText } from './response-body';
import type { Exchange } from './transport';

function errorBodyMessage(text: string): string | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return undefined;
    const { statusCode, message } = body as { statusCode?: unknown; message?: unknown };
    return typeof statusCode === 'number' && typeof message === 'string' && message.length > 0
      ? message
      : undefined;
  } catch {
    return undefined;
  }
}

// Control characters would let a server forge lines in the logs the message ends up in.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]+/g;
const oneLine = (text: string): string => text.replace(CONTROL, ' ').trim();

/**
 * The message of a non-2xx answer: the documented `{ statusCode, message }` body's message; otherwise the
 * status and reason phrase, plus a short `text/plain` body (HTML error pages and long bodies do not help).
 * Every part comes from the server, so the result goes through the client's one redactor
 * (`Redaction.error`) like every other error field.
 */
export function httpErrorMessage(exchange: Exchange): string {
  const text = bodyText(exchange.body).trim();
  const documented = errorBodyMessage(text);
  if (documented !== undefined) return documented;
  const reason = oneLine(exchange.statusText);
  const status = `HTTP ${exchange.status}${reason ? ` ${reason}` : ''}`;
  const contentType = exchange.headers.get('content-type') ?? '';
  if (contentType.startsWith('text/plain') && text && text.length <= 200)
    return `${status}: ${oneLine(text)}`;
  return status;
}
