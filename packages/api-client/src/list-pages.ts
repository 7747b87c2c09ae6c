import type { JsonCaller } from './json-caller';

/**
 * The one seam pagination will fill. Every list method reads its endpoint as a sequence of pages: today the
 * guides show bare arrays, so there is exactly one page, the whole array. If Listo paginates, only this
 * function learns to follow the cursor; `list()` keeps resolving to every item and `iterate()` keeps
 * yielding them one by one (then fetching each page only when the previous one has been consumed).
 */
export async function* listPages(
  caller: JsonCaller,
  path: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<unknown[], void, undefined> {
  yield await caller.getArray(path, signal);
}

/** Every item of every page, in order. */
export async function collectPages<T>(pages: AsyncIterable<unknown[]>): Promise<T[]> {
  let all: unknown[] | undefined;
  for await (const page of pages) all = all === undefined ? page : all.concat(page);
  return (all ?? []) as T[];
}

/** The items of the pages one by one; no request is sent before the first `next()`. */
export async function* iteratePages<T>(pages: AsyncIterable<unknown[]>): AsyncGenerator<T, void, undefined> {
  for await (const page of pages) yield* page as T[];
}
