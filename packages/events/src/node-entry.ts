// The Node entry (the `node` export condition): everything `index.ts` exports, with a `parseEvent` whose schemas
// are compiled by `z.compile`. Kept out of the default entry, which bundlers pick for Workers and browsers, where
// `new Function` is often forbidden and the compiler would only add to the bundle.
export * from './index';
export { parseEvent } from './parsing/parse-event-compiled';
