// Hides process.getBuiltinModule before the package loads, so verifyAsync/signAsync must take the Web Crypto
// path even on runtimes (Bun, Deno) that also offer node:crypto.
if (globalThis.process) globalThis.process.getBuiltinModule = undefined;
const { smoke } = await import('./smoke.mjs');

console.log(JSON.stringify(await smoke()));
