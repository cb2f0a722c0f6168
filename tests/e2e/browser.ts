// Which Chromium the e2e tests drive, in order: CHROMIUM_PATH; Debian's /usr/bin/chromium-headless-shell, then
// /usr/bin/chromium (CI and this project's machines, STACK.md); Playwright's own browser if a developer installed
// it; else the headless Chromium shipped inside the @sparticuz/chromium npm package — so that `npm test` passes on a
// machine with only Node and npm, without anything downloading a browser.
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { chromium } from "@playwright/test";

export type BrowserChoice = { source: string; executablePath?: string; args: string[] };

// Debian's Chromium needs these on this machine's closed network (STACK.md); harmless elsewhere.
const QUIET_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

// The package inflates its binary into os.tmpdir() and reuses whatever is there: extract into a staging folder and
// rename it into a per-version folder, so that a version bump, an interrupted extraction or two concurrent first
// runs never run a stale or half-written binary.
function packageVersion(name: string): string {
  // The entry point sits at a different depth in different versions: walk up to the package's own package.json.
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the package.json of ${name}`);
    dir = parent;
  }
}

async function npmShippedChromium(): Promise<string> {
  const version = packageVersion("@sparticuz/chromium");
  const target = join(tmpdir(), `sparticuz-chromium-${version}`);
  if (existsSync(join(target, "chromium"))) return join(target, "chromium");
  const staging = mkdtempSync(join(tmpdir(), "sparticuz-staging-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    const { default: packaged } = (await import("@sparticuz/chromium")) as { default: { executablePath: () => Promise<string> } };
    await packaged.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  try {
    renameSync(staging, target);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  return join(target, "chromium");
}

export async function chooseBrowser(): Promise<BrowserChoice> {
  if (process.env.CHROMIUM_PATH) return { source: "CHROMIUM_PATH", executablePath: process.env.CHROMIUM_PATH, args: QUIET_ARGS };
  // Debian's old headless shell (chromium-headless-shell, the same Chromium build without the full browser's UI and
  // GPU compositor — what Playwright itself runs headless): on 2 cores it does the suite's pages for half the CPU of
  // the full browser in its new headless mode. Headless only: CHROMIUM_PATH=/usr/bin/chromium for `--headed`.
  if (existsSync("/usr/bin/chromium-headless-shell"))
    return { source: "Debian chromium-headless-shell", executablePath: "/usr/bin/chromium-headless-shell", args: QUIET_ARGS };
  if (existsSync("/usr/bin/chromium")) return { source: "Debian chromium", executablePath: "/usr/bin/chromium", args: QUIET_ARGS };
  if (existsSync(chromium.executablePath())) return { source: "Playwright's chromium", args: [] };
  return { source: "@sparticuz/chromium", executablePath: await npmShippedChromium(), args: QUIET_ARGS };
}
