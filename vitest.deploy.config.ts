import { defineConfig } from "vitest/config";
import unitAndIntegration from "./vitest.config";

// the deployment smoke — the assembled container run stage started as servers of its own
// (tests/deploy/support.ts). Not part of `npm run test:integration`: it needs a standalone build and PostgreSQL.
// The same module aliases as the unit and integration tests (one test creates an issuance request through lib/).
export default defineConfig({
  resolve: unitAndIntegration.resolve,
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
