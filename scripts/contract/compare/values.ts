/**
 * Compares exported constants (plain data, by entry point): a removed or changed value is breaking, a new key
 * or element is a minor. `EVENT_CATALOG` is the exception VERSIONING.md explains: each of its entries is a
 * (type, dataVersion) that `createEventHandler` demands a handler for, so a new one is breaking too.
 */
import type { ContractChange } from '../changes';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (value: unknown): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: Json | undefined) => JSON.stringify(value);

function catalogChanges(subject: string, before: Json[], after: Json[]): ContractChange[] {
  const key = (entry: Json) => (isObject(entry) ? `\`${entry.type}\` v${entry.dataVersion}` : text(entry));
  const b = new Map(before.map((e) => [key(e), e]));
  const a = new Map(after.map((e) => [key(e), e]));
  const changes: ContractChange[] = [];
  for (const [name, entry] of a) {
    if (!b.has(name)) {
      changes.push({
        level: 'major',
        subject,
        message: `knows a new (type, dataVersion) ${name}: every exhaustive createEventHandler must now handle it`,
      });
    } else if (text(b.get(name)) !== text(entry)) {
      changes.push({
        level: 'major',
        subject,
        message: `${name} changed from ${text(b.get(name))} to ${text(entry)}`,
      });
    }
  }
  for (const name of b.keys()) {
    if (!a.has(name)) changes.push({ level: 'major', subject, message: `no longer knows ${name}` });
  }
  return changes;
}

function valueChanges(subject: string, path: string, before: Json, after: Json, changes: ContractChange[]) {
  const at = (key: string | number) =>
    typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
  const where = path ? `\`${path}\` ` : '';
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(after)) {
      if (!(key in before)) changes.push({ level: 'minor', subject, message: `\`${at(key)}\` is new` });
    }
    for (const key of Object.keys(before)) {
      if (!(key in after)) changes.push({ level: 'major', subject, message: `\`${at(key)}\` was removed` });
      else valueChanges(subject, at(key), before[key]!, after[key]!, changes);
    }
  } else if (Array.isArray(before) && Array.isArray(after)) {
    const added = after.filter((v) => !before.some((w) => text(w) === text(v)));
    const removed = before.filter((v) => !after.some((w) => text(w) === text(v)));
    if (added.length > 0)
      changes.push({
        level: 'minor',
        subject,
        message: `${where}now also holds ${added.map(text).join(', ')}`,
      });
    if (removed.length > 0)
      changes.push({
        level: 'major',
        subject,
        message: `${where}no longer holds ${removed.map(text).join(', ')}`,
      });
  } else if (text(before) !== text(after)) {
    changes.push({
      level: 'major',
      subject,
      message: `${where}changed from ${text(before)} to ${text(after)}`,
    });
  }
}

export function compareValues(
  before: Record<string, Record<string, Json>>,
  after: Record<string, Record<string, Json>>,
): ContractChange[] {
  const changes: ContractChange[] = [];
  for (const entry of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const label = (name: string) => `export \`${name}\`${entry === '.' ? '' : ` (${entry})`}`;
    const old = before[entry] ?? {};
    const now = after[entry] ?? {};
    for (const name of Object.keys(now)) {
      if (!(name in old)) changes.push({ level: 'minor', subject: label(name), message: 'is new' });
    }
    for (const [name, value] of Object.entries(old)) {
      if (!(name in now)) changes.push({ level: 'major', subject: label(name), message: 'was removed' });
      else if (name === 'EVENT_CATALOG' && Array.isArray(value) && Array.isArray(now[name])) {
        changes.push(...catalogChanges(label(name), value, now[name] as Json[]));
      } else valueChanges(label(name), '', value, now[name]!, changes);
    }
  }
  return changes;
}
