import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests of the lib layer. The engine follows DATABASE_URL: unset → an in-memory PGlite per
// test file; set → a fresh PostgreSQL database per test file, cloned from a migrated template (tests/support).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; lib modules are plain server code under test.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
    environment: "node",
    pool: "forks",
    // Vitest's default in a run is one worker less than the CPUs: a single worker on CI's 2 cores. Each test file has
    // a database of its own (in-memory PGlite, or a PostgreSQL database cloned per file), so files run side by side.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup-db.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The demo seed writes its download files to the blob store: a folder of the test run's, not the project's.
    env: {
      BLOB_DIR: path.join(os.tmpdir(), "ecustomer-test-blobs"),
      PASSWORD_SCRYPT_LOG_N: "14",
      DB_AUTO_SEED: "0",
      DEV_MAILBOX: "",
      RESEND_API_KEY: "",
      CRON_SECRET: "",
      AUTH_SECRET: "vitest-only-auth-secret-0123456789abcdefghij",
    },
  },
});
