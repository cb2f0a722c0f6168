export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // every request carries its socket's address in a header of our own (lib/security/client-address.ts).
  const { installSocketStamp } = await import("./lib/security/socket-stamp");
  installSocketStamp();
  // SPEC D: a download's Content-Length reaches the browser (lib/blob/body-length.ts).
  const { installBodyLength } = await import("./lib/blob/body-length");
  installBodyLength();
  const { warnIfDevMailboxEnabled } = await import("./lib/mail/dev-mailbox");
  warnIfDevMailboxEnabled();
  // db/ does not import lib/: the demo seed of an empty embedded database is handed to it before the first open.
  const { enableDemoAutoSeed } = await import("./lib/demo/auto-seed");
  enableDemoAutoSeed();
  const { openDatabaseAtStart } = await import("./db/open-at-start");
  await openDatabaseAtStart();
  const { startBackgroundWorker } = await import("./lib/jobs/background-worker");
  startBackgroundWorker();
}

/** an error a request ended on that says PostgreSQL is away turns on proxy.ts's 503 (db/availability.ts). */
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { noteDatabaseError } = await import("./db/availability");
  noteDatabaseError(error);
}
