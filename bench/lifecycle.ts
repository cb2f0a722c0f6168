// What every step of `npm run bench` shares: the progress log (stderr: stdout carries only the report), the child
// processes it started, and what it must undo at the end (server, cluster, temporary folders), also on a signal.
import type { ChildProcess } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

const t0 = performance.now();
export function log(line: string) {
  process.stderr.write(`[bench +${((performance.now() - t0) / 1000).toFixed(1)}s] ${line}\n`);
}

const cleanups: { label: string; run: () => Promise<void> | void }[] = [];
const children = new Set<ChildProcess>();
let cleaningUp: Promise<void> | undefined;

/** Registers what the end of the run undoes, last registered first. */
export function onCleanup(label: string, run: () => Promise<void> | void) {
  cleanups.push({ label, run });
}

/** A child still running at the end (a load worker of a scenario that failed) is sent SIGTERM by `cleanup`. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

export function cleanup(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    for (const { label, run } of cleanups.reverse()) {
      try {
        await run();
      } catch (error) {
        log(`cleanup ${label}: ${(error as Error).message}`);
      }
    }
  })();
  return cleaningUp;
}

/** SIGINT, SIGTERM and SIGHUP clean up too, then exit with the shell's code for the signal. */
export function cleanUpOnSignals() {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const) {
    process.on(signal, () => {
      log(`${signal}: stopping`);
      process.exitCode = code;
      void cleanup().finally(() => process.exit(code));
    });
  }
}
