export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // db/ does not import lib/: the demo seed of an empty embedded database is handed to it before the first open.
  const { enableDemoAutoSeed } = await import("./lib/demo/auto-seed");
  enableDemoAutoSeed();
  const { openDatabaseAtStart } = await import("./db/open-at-start");
  await openDatabaseAtStart();
}
