#!/usr/bin/env node
// One Vercel function as the deployment would hold it, and nothing else.
//
//   node scripts/deploy/copy-function.mjs <project>/.vercel/output <route> <empty folder> [--routes FILE]
//
// <route> is a path under functions/ without .func (e.g. "licenses/[licenseId]/pdf"); routes share a function
// through symlinks, which are followed. The folder receives the .func folder's files (symlinks dereferenced) and
// every file its .vc-config.json's filePathMap names, copied from the project folder (vercel-cli 58 writes most of a
// Next.js function as such references instead of copies; `vercel deploy --prebuilt` uploads them). A symlink in
// the map whose target is inside the function (.next/node_modules/<package>-<hash> → node_modules/<package>) stays a
// relative symlink, as in the deployment; any other is dereferenced.
// --routes FILE writes the routing of config.json that leads to this function ({src, dest} of each route whose
// dest is one of the function's routes) for scripts/deploy/serve-function.mjs.
import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const routesAt = args.indexOf("--routes");
const routesFile = routesAt >= 0 ? args.splice(routesAt, 2)[1] : undefined;
const [outputArg, route, destArg] = args;
if (!outputArg || !route || !destArg) {
  console.error("usage: node scripts/deploy/copy-function.mjs <project>/.vercel/output <route> <empty folder> [--routes FILE]");
  process.exit(2);
}
const output = path.resolve(outputArg);
const projectRoot = path.dirname(path.dirname(output));
const functionsDir = path.join(output, "functions");
const funcDir = fs.realpathSync(path.join(functionsDir, `${route}.func`));
const dest = path.resolve(destArg);
fs.mkdirSync(dest, { recursive: true });
if (fs.readdirSync(dest).length) throw new Error(`${dest} is not empty`);

fs.cpSync(funcDir, dest, { recursive: true, dereference: true });
const vcConfig = JSON.parse(fs.readFileSync(path.join(funcDir, ".vc-config.json"), "utf8"));
const links = [];
let files = 0;
for (const [rel, source] of Object.entries(vcConfig.filePathMap ?? {})) {
  const from = path.resolve(projectRoot, source);
  const to = path.join(dest, rel);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  if (fs.lstatSync(from).isSymbolicLink()) {
    const target = fs.readlinkSync(from);
    const resolved = path.resolve(path.dirname(to), target);
    if (!path.isAbsolute(target) && resolved.startsWith(dest + path.sep)) {
      links.push([to, target]);
      continue;
    }
  }
  fs.cpSync(from, to, { recursive: true, dereference: true });
  files++;
}
for (const [to, target] of links) fs.symlinkSync(target, to);
console.log(`function ${path.relative(functionsDir, funcDir)} (for ${route}): ${files} files from the project, ${links.length} links, in ${dest}`);

if (routesFile) {
  // Every route of the output that leads to this function, as Vercel's router would send it there.
  const served = new Set();
  (function find(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.name.endsWith(".func")) {
        if (fs.realpathSync(full) === funcDir) served.add(`/${path.relative(functionsDir, full).slice(0, -".func".length)}`);
      } else if (entry.isDirectory()) find(full);
    }
  })(functionsDir);
  const config = JSON.parse(fs.readFileSync(path.join(output, "config.json"), "utf8"));
  const routing = config.routes.filter((r) => r.src && r.dest && served.has(r.dest.split("?")[0])).map(({ src, dest: to }) => ({ src, dest: to }));
  fs.writeFileSync(routesFile, JSON.stringify(routing, null, 2));
}
