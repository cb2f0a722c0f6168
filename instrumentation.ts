export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { openDatabaseAtStart } = await import("./db/open-at-start");
  await openDatabaseAtStart();
}
