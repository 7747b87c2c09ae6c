import { type CheckedTable, ENDPOINTS, type GetPath } from './endpoint-table';
import type { paths } from './generated/listo-api';
import type { JsonCaller } from './json-caller';
import { collectPages, iteratePages, listPages } from './list-pages';
import type { CallOptions } from './listo-client';
import { compilePath } from './path-segment';

type ParameterNames<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? [Name, ...ParameterNames<Rest>]
  : [];
type PathParameters<P extends GetPath> = paths[P]['get']['parameters']['path'];
/** A method's arguments: the path parameters of `P` in path order, typed by the document, then the options. */
type Arguments<P extends GetPath, Names = ParameterNames<P>> = Names extends [infer Name, ...infer Rest]
  ? [Name extends keyof PathParameters<P> ? PathParameters<P>[Name] : never, ...Arguments<P, Rest>]
  : [options?: CallOptions];
type Body<P extends GetPath> = paths[P]['get']['responses'][200]['content']['application/json'];
type Item<P extends GetPath> = Body<P> extends readonly (infer T)[] ? T : never;

type GetMethod<P extends GetPath> = (...args: Arguments<P>) => Promise<Body<P>>;
type ListMethods<P extends GetPath> = {
  list: GetMethod<P>;
  iterate: (...args: Arguments<P>) => AsyncIterableIterator<Item<P>>;
};

/** The methods the table describes, typed from the document: checked against `ListoClient` where they are used. */
export type BoundResources = {
  [R in keyof CheckedTable]: {
    [M in keyof CheckedTable[R]]: M extends 'list' ? never : GetMethod<CheckedTable[R][M] & GetPath>;
  } & ('list' extends keyof CheckedTable[R]
    ? ListMethods<CheckedTable[R]['list' & keyof CheckedTable[R]] & GetPath>
    : unknown);
};

type AnyMethod = (...args: unknown[]) => unknown;

/** Turns each row of the table into its methods, all sharing one caller. */
export function bindResources(caller: JsonCaller): BoundResources {
  const resources: Record<string, Record<string, AnyMethod>> = {};
  for (const [resource, methods] of Object.entries(ENDPOINTS)) {
    const bound: Record<string, AnyMethod> = {};
    for (const [name, template] of Object.entries(methods as Record<string, string>)) {
      const path = compilePath(template);
      const arity = path.names.length;
      const signalOf = (args: unknown[]) => (args[arity] as CallOptions | undefined)?.signal;
      if (name === 'list') {
        // A generator body runs at the first next(): a refused parameter rejects, it never throws synchronously.
        async function* pages(args: unknown[]) {
          yield* listPages(caller, path.build(args), signalOf(args));
        }
        bound.list = (...args) => collectPages(pages(args));
        bound.iterate = (...args) => iteratePages(pages(args));
      } else {
        bound[name] = async (...args) => caller.get(path.build(args), signalOf(args));
      }
    }
    resources[resource] = bound;
  }
  return resources as unknown as BoundResources;
}
