// Runs one Vercel function folder (scripts/deploy/copy-function.mjs) the way Vercel's Node runtime
// does, on a local port.
//
//   node scripts/deploy/serve-function.mjs <function folder> <port> [routes.json]
//
// The function's .vc-config.json names its handler (Next.js: ___next_launcher.cjs, launcherType "Nodejs"). The
// launcher changes into its own folder, starts Next's server in minimal mode and exports `(req, res) => Promise`, a
// Node request listener; it reads Vercel's request context (globalThis[Symbol.for("@vercel/request-context")].get(),
// for waitUntil), which this file provides as the platform does. In minimal mode Next does no routing of its own:
// Vercel's router (config.json's routes) tells it the matched route in `x-matched-path` and the dynamic segments as
// `nxtP…` query parameters. routes.json holds those routes ({src, dest}); a path none matches is taken as the route
// itself, as for a function at a fixed path. The platform's forwarding headers are set as on Vercel (https).
// Only node:* is required here: what the function needs must come from its own folder.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";

const [dirArg, portArg, routesFile] = process.argv.slice(2);
if (!dirArg || !portArg) {
  console.error("usage: node serve-function.mjs <function folder> <port> [routes.json]");
  process.exit(2);
}
const dir = path.resolve(dirArg);
const routes = routesFile ? JSON.parse(fs.readFileSync(routesFile, "utf8")).map((r) => ({ src: new RegExp(r.src), dest: r.dest })) : [];
const vcConfig = JSON.parse(fs.readFileSync(path.join(dir, ".vc-config.json"), "utf8"));

const requestContext = new AsyncLocalStorage();
globalThis[Symbol.for("@vercel/request-context")] = { get: () => requestContext.getStore() };
// The launcher is CommonJS, loaded as Vercel loads it; its own requires resolve from its folder only.
const handler = createRequire(import.meta.url)(path.join(dir, vcConfig.handler));
if (typeof handler !== "function") throw new Error(`${vcConfig.handler} exports ${typeof handler}, not a request listener`);

function route(pathname, query) {
  for (const { src, dest } of routes) {
    const match = src.exec(pathname);
    if (!match) continue;
    const to = new URL(
      dest.replace(/\$(\w+)/g, (_, name) => match.groups?.[name] ?? match[Number(name)] ?? ""),
      "http://function.invalid",
    );
    for (const [key, value] of to.searchParams) query.set(key, value);
    return to.pathname;
  }
  return pathname;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://function.invalid");
  req.headers["x-matched-path"] = route(url.pathname, url.searchParams);
  req.url = `${url.pathname}${url.search}`;
  req.headers["x-forwarded-proto"] = "https";
  req.headers["x-forwarded-host"] = req.headers.host ?? "localhost";
  req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "127.0.0.1";
  req.headers["x-real-ip"] = req.headers["x-forwarded-for"];
  const pending = [];
  requestContext
    .run({ waitUntil: (promise) => pending.push(promise) }, () => Promise.resolve(handler(req, res)))
    .catch((error) => {
      console.error("[serve-function] the handler threw:", error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    })
    .finally(() => Promise.allSettled(pending));
});
server.listen(Number(portArg), "127.0.0.1", () => console.log(`[serve-function] ${dir} on http://127.0.0.1:${portArg} (node ${process.version})`));
