// The production build's own lists of entry points (.next/server/*.json), for the specs that walk all of them.
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./servers";

const serverDir = path.join(REPO_ROOT, ".next", "server");
const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(serverDir, file), "utf8")) as T;

/** Every page and route handler, as the App Router names them ("/(portal)/licenses/[licenseId]/page"). */
export const appPaths = Object.keys(read<Record<string, string>>("app-paths-manifest.json"));

type ActionEntry = { exportedName?: string; filename?: string; workers?: Record<string, unknown> };
const actionManifest = read<{ node: Record<string, ActionEntry> }>("server-reference-manifest.json");

/** A URL path for an app path; dynamic segments get the demo data's own values (noticeId 1: the demo's first notice, G-2). */
export function urlOf(
  appPath: string,
  sample: Record<string, string> = { id: "1", licenseId: "100001", token: "sample-token", form: "apex-one", site: "modules", noticeId: "1" },
): string {
  const segments = appPath
    .replace(/^app/, "")
    .replace(/\/(page|route)$/, "")
    .split("/")
    .filter((segment) => segment && !/^\(.+\)$/.test(segment))
    .map((segment) => {
      const dynamic = /^\[{1,2}(?:\.\.\.)?(\w+)\]{1,2}$/.exec(segment);
      return dynamic ? (sample[dynamic[1]!] ?? "1") : segment;
    });
  return `/${segments.join("/")}`;
}

/**
 * Every server action with a page that hosts it. An action must be called on such a page: posted to a page without
 * it, Next forwards the call to one that has it and answers 200 whatever the action's own status (a 404 included).
 */
export const actions = Object.entries(actionManifest.node).map(([id, entry]) => {
  const host = Object.keys(entry.workers ?? {}).find((worker) => worker.endsWith("/page") && !worker.includes("/_")) ?? "app/page";
  return { id, name: entry.exportedName ?? id, file: entry.filename ?? "", endpoint: urlOf(host) };
});
