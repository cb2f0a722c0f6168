import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import boundaries from "./eslint-rules/boundaries.mjs";

// The boundaries of STYLE.md, enforced. Paths are project paths without extension (a folder covers
// everything under it); `@/…` and relative specifiers are resolved alike (eslint-rules/boundaries.mjs).

// The lib modules client components may import: pure, no secrets, no environment, no database. Everything else
// under lib/ and db/ is server-only and starts with `import "server-only";`.
const CLIENT_SAFE = ["lib/validation", "lib/dates", "lib/paging", "lib/text"];

// Loaded outside Next without the react-server condition, so no `server-only`: drizzle-kit reads the schema. Client
// components still may not import it (client-imports: everything under db/ is server code).
const SERVER_ONLY_EXEMPT = [...CLIENT_SAFE, "db/schema", "db/migrations"];

// Lower lib modules that the domains (lib/auth, lib/licenses, …) build on; they never import a domain back.
const SHARED_LIB = [
  "lib/audit",
  "lib/clock",
  "lib/config",
  "lib/dates",
  "lib/health",
  "lib/i18n",
  "lib/mail",
  "lib/paging",
  "lib/pdf",
  "lib/security",
  "lib/validation",
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]",
          message: "No skipped or focused tests.",
        },
      ],
      // Prettier wraps code at 160; what it cannot wrap (strings, comments, SQL in templates) is wrapped by hand.
      "max-len": ["error", { code: 160 }],
    },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
    plugins: { boundaries },
    rules: {
      "boundaries/import-direction": [
        "error",
        {
          rules: [
            {
              from: ["app"],
              disallow: ["db"],
              message: "pages, layouts and actions read and write through lib/ (page/action → lib → db), which authorizes and scopes every query.",
            },
            {
              from: ["db"],
              disallow: ["lib", "app"],
              message: "db/ is the leaf of the graph (schema, client, SQL helpers); what needs the domain (the demo seed) lives in lib/.",
            },
            { from: ["lib"], disallow: ["app"], message: "lib/ is called by app/, never the other way round." },
            {
              from: ["lib/licenses"],
              disallow: ["lib/auth"],
              // The staff functions of a domain check the capability themselves (authorizeStaff): a leaf of lib/auth.
              allow: ["lib/auth/permissions"],
              allowTypeOnly: ["lib/auth/actor"],
              message:
                "lib/auth depends on lib/licenses (B-0 visibility for the login e-mail), not back: " +
                'take the actor as a parameter (`import type { … } from "@/lib/auth/actor"`).',
            },
            {
              from: ["lib/auth"],
              disallow: ["lib/licenses"],
              allow: ["lib/licenses/visibility"],
              message: "of lib/licenses, lib/auth uses the B-0 visibility rule only.",
            },
            {
              from: SHARED_LIB,
              disallow: ["lib/auth", "lib/licenses", "lib/demo"],
              allow: ["lib/auth/permissions"],
              allowTypeOnly: ["lib/auth/actor"],
              message:
                "shared lib modules sit below the domains and never import one, so no cycle can come back through them " +
                "(the actor's type is fine, and the permission table, a leaf, for the staff reads of the audit log and the outbox).",
            },
          ],
        },
      ],
      "boundaries/client-imports": ["error", { clientSafe: CLIENT_SAFE, serverFolders: ["db", "lib"], serverPackages: ["server-only", "next/headers"] }],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}", "db/**/*.ts"],
    plugins: { boundaries },
    rules: { "boundaries/require-server-only": ["error", { exempt: SERVER_ONLY_EXEMPT }] },
  },
  {
    // The message catalogue keeps one message per line, whole, so that its ICU text stays a literal type (next-intl
    // checks the arguments against it) and a translator reads each message as one line.
    files: ["messages/**"],
    rules: { "max-len": "off" },
  },
  globalIgnores([
    ".next/**",
    "out/**",
    "node_modules/**",
    ".data/**",
    "next-env.d.ts",
    "db/migrations/**",
    "bench/results/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
