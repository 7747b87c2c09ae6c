/** Just enough of a Prometheus registry for a handful of counters and a latency histogram. */
export class Metrics {
  readonly #counters = new Map<string, { help: string; values: Map<string, number> }>();
  readonly #buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
  readonly #histogram = { counts: this.#buckets.map(() => 0), sum: 0, count: 0 };

  constructor() {
    this.#define('listo_receiver_deliveries_total', 'Webhook deliveries answered, by outcome.');
    this.#define('listo_receiver_events_processed_total', 'Processing attempts, by result.');
  }

  #define(name: string, help: string): void {
    this.#counters.set(name, { help, values: new Map() });
  }

  /** outcome: stored, duplicate, unknown_type, invalid_event, bad_request, unauthorized, too_large, … */
  delivery(outcome: string): void {
    this.#inc('listo_receiver_deliveries_total', `outcome="${outcome}"`);
  }

  /** result: processed, ignored, retried, dead, lease_lost. */
  processed(result: string): void {
    this.#inc('listo_receiver_events_processed_total', `result="${result}"`);
  }

  observeWebhookSeconds(seconds: number): void {
    const h = this.#histogram;
    h.count += 1;
    h.sum += seconds;
    this.#buckets.forEach((le, i) => {
      if (seconds <= le) h.counts[i] = (h.counts[i] ?? 0) + 1;
    });
  }

  #inc(name: string, labels: string): void {
    const values = this.#counters.get(name)?.values;
    values?.set(labels, (values.get(labels) ?? 0) + 1);
  }

  /** Prometheus text exposition format 0.0.4; `gauges` are read from the store at scrape time. */
  render(
    gauges: { name: string; help: string; values: Record<string, number>; label: string }[] = [],
  ): string {
    const lines: string[] = [];
    for (const [name, { help, values }] of this.#counters) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [labels, v] of values) lines.push(`${name}{${labels}} ${v}`);
    }
    const h = this.#histogram;
    const hn = 'listo_receiver_webhook_duration_seconds';
    lines.push(`# HELP ${hn} Time to verify, store and answer a webhook delivery.`, `# TYPE ${hn} histogram`);
    this.#buckets.forEach((le, i) => {
      lines.push(`${hn}_bucket{le="${le}"} ${h.counts[i]}`);
    });
    lines.push(`${hn}_bucket{le="+Inf"} ${h.count}`, `${hn}_sum ${h.sum}`, `${hn}_count ${h.count}`);
    for (const g of gauges) {
      lines.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
      for (const [k, v] of Object.entries(g.values)) lines.push(`${g.name}{${g.label}="${k}"} ${v}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
