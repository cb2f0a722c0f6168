// The README's first command ends here: start the production build on the embedded database (PGlite, migrated and
// seeded with the SPEC X-2 demo data on first start) with the development mailbox on.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const env = { ...process.env };
if (!env.RESEND_API_KEY) env.DEV_MAILBOX ??= "1";
env.AUTH_SECRET ??= "demo-only-secret-change-me-in-production-0123456789";
env.AUTH_TRUST_HOST ??= "true";
const port = env.PORT || "3000";
console.log(`Starting 法人カスタマーサービス＆サポート on http://localhost:${port} (embedded database, demo data)…`);
const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
