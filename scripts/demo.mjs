// `pnpm demo`: the root script builds every package first, then this runs the receiver's demo from its build.
// The scenario itself lives in apps/receiver/demo/run-demo.ts, outside the service's sources (its sandbox is a dev dependency).
await import(new URL('../apps/receiver/dist/demo/run-demo-cli.js', import.meta.url).href);
