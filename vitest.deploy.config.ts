import path from "node:path";
import { defineConfig } from "vitest/config";

// X-7 (issue 27): the deployment smoke — the assembled container run stage started as servers of its own
// (tests/deploy/support.ts). Not part of `npm run test:integration`: it needs a standalone build and PostgreSQL.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/deploy/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    // The files start servers of their own: one file at a time keeps the 2 cores for them.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
