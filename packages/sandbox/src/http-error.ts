/** An error with Listo's error shape, `{ statusCode, message }`, as every endpoint of the sandbox answers it. */
export class SandboxHttpError extends Error {
  override readonly name = 'SandboxHttpError' as const;
  readonly statusCode: number;

  constructor(statusCode: number, message: string) {
    super(message);
    this.statusCode = statusCode;
  }

  toJSON(): { statusCode: number; message: string } {
    return { statusCode: this.statusCode, message: this.message };
  }
}

export const badRequest = (message: string): SandboxHttpError => new SandboxHttpError(400, message);
export const notFound = (message: string): SandboxHttpError => new SandboxHttpError(404, message);
