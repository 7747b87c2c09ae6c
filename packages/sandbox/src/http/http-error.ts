/** An error with Listo's error shape, `{ statusCode, message }`, as every endpoint of the sandbox answers it. */
export class SandboxHttpError extends Error {
  override readonly name = 'SandboxHttpError' as const;
  readonly statusCode: number;
  /** Response headers the status calls for, such as `Allow` on a 405. */
  readonly headers: Readonly<Record<string, string>>;

  /** An error answered as `{ statusCode, message }` with `statusCode`, and `headers` added to the answer. */
  constructor(statusCode: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.statusCode = statusCode;
    this.headers = headers;
  }

  /** Listo's error body: `{ statusCode, message }`. */
  toJSON(): { statusCode: number; message: string } {
    return { statusCode: this.statusCode, message: this.message };
  }
}

export const badRequest = (message: string): SandboxHttpError => new SandboxHttpError(400, message);
export const notFound = (message: string): SandboxHttpError => new SandboxHttpError(404, message);

/** A 405 whose `Allow` header lists the methods the path does serve (RFC 9110 §15.5.6). */
export const methodNotAllowed = (
  method: string,
  pathname: string,
  allowed: readonly string[],
): SandboxHttpError =>
  new SandboxHttpError(405, `Cannot ${method} ${pathname}`, { allow: allowed.join(', ') });
