import "server-only";

// The one refusal of a non-local database (STYLE: tests, the bench and the destructive db commands run only against
// a database on this machine): the test suites, the deployment smoke, `npm run bench` and its import benches, and
// `npm run db:reset`.
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * The URL parsed, when its host is this machine; otherwise an error that says what was refused and why (`escape`: how
 * to do it anyway, where there is a way).
 */
export function assertLocalDatabaseUrl(url: string, purpose: string, escape?: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Refusing to ${purpose}: the database URL is not a valid URL.`);
  }
  if (!LOCAL_HOSTS.has(parsed.hostname))
    throw new Error(
      `Refusing to ${purpose} a non-local database (host "${parsed.hostname}"): use one on this machine (localhost)${escape ? `, or ${escape}` : ""}.`,
    );
  return parsed;
}
