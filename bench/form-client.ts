// Forms posted the way a browser without JavaScript posts them (A-1's sign-in, any server-action form): the bench
// and the deployment smoke (tests/deploy) sign in and act through these, against a real server.

/** A POST ready to send: its path, headers (origin, content type, cookie) and multipart body. */
export type FormRequest = { path: string; headers: Record<string, string>; body: string };

/**
 * The request a browser without JavaScript sends when it submits a form of `pagePath`: the form holding the field
 * `marker`, its hidden server-action fields plus `fields`, as multipart/form-data with the site's Origin. Returned as
 * a fixed body and headers, so that the load generator can repeat it.
 */
export async function formPost(baseUrl: string, pagePath: string, marker: string, fields: Record<string, string>, cookie?: string): Promise<FormRequest> {
  const page = await fetch(new URL(pagePath, baseUrl), { redirect: "manual", headers: cookie ? { cookie } : {} });
  const html = await page.text();
  if (!page.ok) throw new Error(`GET ${pagePath} answered HTTP ${page.status}`);
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => new RegExp(`name="${marker}"`).test(f));
  if (!form) throw new Error(`no form with a "${marker}" field on ${pagePath}`);
  const data = new FormData();
  for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(input, "name");
    if (name && !(name in fields) && /type="hidden"/.test(input)) data.append(name, attribute(input, "value") ?? "");
  }
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  // A Request serialises the FormData with its boundary: the same bytes are sent on every request of the load.
  const request = new Request(new URL(pagePath, baseUrl), { method: "POST", body: data });
  const headers: Record<string, string> = { origin: new URL(baseUrl).origin, "content-type": request.headers.get("content-type")! };
  if (cookie) headers.cookie = cookie;
  return { path: pagePath, headers, body: await request.text() };
}

/**
 * Signs a customer in the way a browser without JavaScript does: GET /login, then POST the login form (see
 * formPost). Returns the `Cookie` header value holding the session, for scenarios behind login.
 */
export async function signIn(baseUrl: string, email: string, password: string, loginPath = "/login"): Promise<string> {
  const post = await formPost(baseUrl, loginPath, "password", { email, password });
  const response = await fetch(new URL(post.path, baseUrl), { method: "POST", redirect: "manual", headers: post.headers, body: post.body });
  await response.arrayBuffer();
  const session = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!.trim())
    .filter((pair) => /session/i.test(pair.slice(0, pair.indexOf("="))));
  if (!session.length) throw new Error(`sign-in as ${email} failed (HTTP ${response.status}, no session cookie)`);
  return session.join("; ");
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
