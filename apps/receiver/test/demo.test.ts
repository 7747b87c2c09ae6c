import { describe, expect, it } from 'vitest';
import { runDemo } from '../demo/run-demo';

describe('the demo scenario (pnpm demo)', () => {
  it('plays the whole scenario against the sandbox and ends with every check passing', async () => {
    const printed: string[] = [];
    const result = await runDemo({ print: (t) => printed.push(t) });
    const text = printed.join('\n');

    expect(text).toContain('Delivery log');
    expect(text).not.toContain('✘');
    expect(result.forgedStatus).toBe(401);
    expect(result.gatewayAttempts.every((a) => a.ok)).toBe(true);

    const byId = new Map(result.deliveries.map((d) => [d.webhookId, d]));
    expect(byId.get(result.marks.duplicate!)).toMatchObject({
      timesReceived: 2,
      attempts: 1,
      status: 'processed',
    });
    expect(byId.get(result.marks.unknown!)).toMatchObject({ kind: 'unknown', status: 'ignored' });
    expect(byId.get(result.marks.afterRotation!)).toMatchObject({ status: 'processed' });
    expect(result.clients.map((c) => c.name).sort()).toEqual([
      'Acme Robotics - EOR',
      'Globex - Contractors',
      'Initech - EOR',
    ]);
    expect(result.contracts.map((c) => c.jobTitle)).toContain('Staff Engineer');
    expect(result.workers.map((w) => w.email)).toContain('sam.rivera@globex.example');
  });
});
