import { listo } from '../../../../lib/listo';

// The Edge runtime: Web APIs only (the handler needs no Node.js module).
export const runtime = 'edge';

export const POST = (request: Request): Promise<Response> => listo.fetch(request);
