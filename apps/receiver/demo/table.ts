/** Renders rows as a plain-text table that reads well in a terminal and in CI logs. */
export function renderTable(
  title: string,
  columns: string[],
  rows: (string | number | boolean | null | undefined)[][],
): string {
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined ? '—' : String(v))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (values: string[]) => `│ ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' │ ')} │`;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  return [
    `\n${title} (${rows.length})`,
    rule('┌', '┬', '┐'),
    line(columns),
    rule('├', '┼', '┤'),
    ...cells.map(line),
    rule('└', '┴', '┘'),
  ].join('\n');
}

/** Shortens an opaque ID for display while keeping its prefix recognisable. */
export function shortId(id: unknown): string {
  if (typeof id !== 'string') return '—';
  return id.length > 22 ? `${id.slice(0, 19)}…` : id;
}
