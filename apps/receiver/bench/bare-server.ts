import { createServer } from 'node:http';
import { Webhook, WebhookVerificationError } from '@listo/webhooks';

// The baseline: verify the signature on the raw bytes and answer 200. No storage, no dedupe.
const webhook = new Webhook((process.env.LISTO_WEBHOOK_SECRET ?? '').split(','));
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      webhook.verify(Buffer.concat(chunks), req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } catch (error) {
      res.writeHead(error instanceof WebhookVerificationError ? error.status : 500).end();
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ msg: 'receiver listening', port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
