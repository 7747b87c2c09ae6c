import { listo } from '../../../../lib/listo';

// The Node.js runtime, Next.js's default for route handlers.
export const POST = (request: Request): Promise<Response> => listo.fetch(request);
