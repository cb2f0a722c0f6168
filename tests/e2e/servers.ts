// The e2e servers: one place that says which `next start` servers playwright.config.ts launches (through
// tests/e2e/server.mjs) and how specs find them. Each launcher writes a small state file (pid, engine, PGlite folder)
// into STATE_DIR so that a spec can reach, e.g., the PGlite folder a server holds.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Inside .data/ (git-ignored); one file per port, removed by the launcher when its server stops. */
export const STATE_DIR = path.join(REPO_ROOT, ".data", "e2e-servers");

export type E2EServer = {
  /** Short name, shown as the prefix of the server's output in the test log. */
  name: string;
  port: number;
  url: string;
  /**
   * "shared": PostgreSQL when DATABASE_URL is set (CI's second run), else a fresh PGlite folder of its own.
   * "pglite": always a fresh PGlite folder of its own, even when DATABASE_URL is set (the lock test needs one).
   */
  database: "shared" | "pglite";
  /** Drop, migrate and seed the shared PostgreSQL database before starting (only one server may do it). */
  resetSharedDatabase: boolean;
  /** Extra environment for this server only. */
  env: Record<string, string>;
  /** BLOB_STORE=s3 against an s3rver the launcher starts for this server (its bucket allows the site's PUTs: CORS). */
  s3rver?: boolean;
};

/**
 * The servers listen on E2E_PORT_BASE … +6 (default 3100): a second checkout (a git worktree) can run its e2e suite
 * beside this one's with another base.
 */
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3100);
if (!Number.isInteger(PORT_BASE) || PORT_BASE < 1024 || PORT_BASE > 65000)
  throw new Error(`E2E_PORT_BASE must be a port number (got "${process.env.E2E_PORT_BASE}")`);

/** The usual server: a PGlite folder of its own, the development mailbox on, one trusted proxy hop (see MAIN). */
/** The staff desk's cron route secret (reminders.spec.ts calls the route with it). */
export const CRON_SECRET_E2E = "e2e-cron-secret-0123456789";

const DEFAULTS = { database: "pglite", resetSharedDatabase: false, env: { DEV_MAILBOX: "1", TRUSTED_PROXY_HOPS: "1" } } as const;

/**
 * A-8's address limit on the sign-ins (failures on this many different accounts from one address within 15 minutes),
 * lowered on every e2e server from the default 100 so that a spec reaches it in a few tries (lib/security/throttle.ts).
 */
export const ADDRESS_ACCOUNTS = 6;

function server(s: Pick<E2EServer, "name" | "port"> & Partial<Omit<E2EServer, "url" | "name" | "port">>): E2EServer {
  const port = PORT_BASE + (s.port - 3100);
  const merged = { ...DEFAULTS, ...s };
  return { ...merged, env: { THROTTLE_ADDRESS_ACCOUNTS: String(ADDRESS_ACCOUNTS), ...merged.env }, port, url: `http://127.0.0.1:${port}` };
}

/**
 * The main server: what every spec uses through baseURL. Development mailbox on, no Resend key. It trusts one proxy
 * hop (TRUSTED_PROXY_HOPS=1): Playwright stands in for the proxy, so a spec gives each of its clients an address of
 * its own with X-Forwarded-For and one test's A-8 lock never touches another's.
 */
export const MAIN = server({ name: "main", port: 3100, database: "shared", resetSharedDatabase: true });

/**
 * No DEV_MAILBOX: /dev/mailbox and /api/dev/mailbox must answer 404. Always PGlite (the lock test collides with it).
 * No trusted proxy (TRUSTED_PROXY_HOPS unset, as in a deployment without one): X-Forwarded-For must count for nothing.
 */
export const NO_MAILBOX = server({ name: "no-mailbox", port: 3101, env: {} });

/** DEV_MAILBOX=1 but a Resend key is configured: the mailbox must still answer 404. Nothing leaves the machine. */
export const WITH_RESEND_KEY = server({
  name: "resend-key",
  port: 3102,
  database: "shared",
  env: { DEV_MAILBOX: "1", RESEND_API_KEY: "re_test_dummy", RESEND_BASE_URL: "http://127.0.0.1:9" },
});

/** A-7 with a shortened idle timeout (6 s, warning after 3 s): the open page must move to the logout screen. */
export const SHORT_IDLE = server({
  name: "short-idle",
  port: 3103,
  env: { DEV_MAILBOX: "1", AUTH_IDLE_MINUTES: "0.1", AUTH_IDLE_WARNING_MINUTES: "0.05", TRUSTED_PROXY_HOPS: "1" },
});

/**
 * The staff desk: stories that change what the demo customers see (G-6 表示設定 on 100006) run on a
 * database of their own, so that the main server's specs, which rely on the demo as X-2 describes it, never see the
 * change half-way. Always PGlite, like the no-mailbox server. It has the cron route (CRON_SECRET) and sends the renewal
 * reminders at any hour (REMINDER_EARLIEST_HOUR=0): reminders.spec.ts runs the job on its demo data.
 */
export const STAFF_DESK = server({ name: "staff-desk", port: 3104, env: { ...DEFAULTS.env, CRON_SECRET: CRON_SECRET_E2E, REMINDER_EARLIEST_HOUR: "0" } });

/**
 * The visual baselines (visual.spec.ts): the demo exactly as X-2 seeds it, on a database no other spec
 * changes, so a screenshot never shows another spec's request, quote or contact change. Always PGlite.
 */
export const VISUAL = server({ name: "visual", port: 3105 });

/**
 * G-4 on S3: the object store is an s3rver started by the launcher (its own folder, a free port),
 * so the upload goes from Chromium straight to the bucket and a download is a presigned GET. Always PGlite.
 */
export const S3_STORE = server({ name: "s3-store", port: 3106, s3rver: true });

/** In start order: the main server first, so that its database reset is over before the others start. */
export const E2E_SERVERS: readonly E2EServer[] = [MAIN, NO_MAILBOX, WITH_RESEND_KEY, SHORT_IDLE, STAFF_DESK, VISUAL, S3_STORE];

/** What tests/e2e/server.mjs writes to STATE_DIR/<port>.json once its server is spawned. */
export type ServerState = {
  port: number;
  /** pid of `next start`, leader of its own process group. */
  pid: number;
  launcherPid: number;
  engine: "pglite" | "postgres";
  /** The PGlite data folder (its lock file is `<pgliteDir>.lock`); null on PostgreSQL. */
  pgliteDir: string | null;
  /** The s3rver of a `s3rver` server (its S3_ENDPOINT); null otherwise. */
  s3Endpoint: string | null;
};

export function stateFile(port: number): string {
  return path.join(STATE_DIR, `${port}.json`);
}

export function readServerState(port: number): ServerState {
  const file = stateFile(port);
  if (!fs.existsSync(file)) {
    throw new Error(
      `No state file ${file}: the server on port ${port} was not started by tests/e2e/server.mjs ` +
        `(stop any server you started yourself on that port and let Playwright start it).`,
    );
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as ServerState;
}

/** The launcher's command line for one server (playwright.config.ts runs it through a shell: plain tokens only). */
export function launcherCommand(s: E2EServer): string {
  const args = ["node", "tests/e2e/server.mjs", "--port", String(s.port), "--database", s.database, "--exit-with-stdin"];
  if (s.resetSharedDatabase) args.push("--reset-shared-database");
  if (s.s3rver) args.push("--s3rver");
  for (const [key, value] of Object.entries(s.env)) {
    if (!/^[A-Z0-9_]+=[\w.:/-]*$/.test(`${key}=${value}`)) throw new Error(`Unsafe launcher env ${key}=${value}`);
    args.push("--env", `${key}=${value}`);
  }
  return args.join(" ");
}
