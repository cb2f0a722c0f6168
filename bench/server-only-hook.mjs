// `node --import ./bench/server-only-hook.mjs`: the app's server modules, run outside Next and outside React's
// react-server condition (under it, react-markdown cannot import React's hooks: Node refuses the missing export that
// Next's bundler tolerates). `server-only` throws outside that condition, so it resolves to an empty module here, as
// vitest.config.ts aliases it for the tests. Used by bench/support-mail-worker.ts.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  return next(specifier, context);
}`),
);
