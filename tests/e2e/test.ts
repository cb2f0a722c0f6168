// The `test` of every e2e spec: the whole suite runs under the site's Content-Security-Policy, and
// a test fails when any page it opened — in its own context or one it made with browser.newContext / newPage —
// reported a violation (in the console or as a securitypolicyviolation event). A test that provokes one on purpose says so with
// `test.use({ cspViolationsExpected: true })`.
import { test as base, expect, type BrowserContext } from "@playwright/test";

/** Chromium's console message for a blocked script, style, frame, form target … */
const CSP_MESSAGE = /Content Security Policy|Content-Security-Policy/i;

export const test = base.extend<{ cspViolationsExpected: boolean; cspWatch: void }>({
  cspViolationsExpected: [false, { option: true }],
  cspWatch: [
    async ({ browser, context, cspViolationsExpected }, provide, testInfo) => {
      const reported: string[] = [];
      // Two reporters: the console (what Chromium logs), and the DOM's securitypolicyviolation event, which also
      // fires for what Chromium does not log (an eval a library probes for inside try/catch).
      const watch = async (watched: BrowserContext) => {
        watched.on("console", (message) => {
          if (CSP_MESSAGE.test(message.text())) reported.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
        });
        await watched.exposeBinding("__reportCspViolation", (_source, text: string) => void reported.push(text));
        await watched.addInitScript(() => {
          document.addEventListener(
            "securitypolicyviolation",
            (event) =>
              void (window as unknown as { __reportCspViolation: (text: string) => Promise<void> }).__reportCspViolation(
                `${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`,
              ),
            true,
          );
        });
        return watched;
      };
      await watch(context);
      const newContext = browser.newContext;
      // Browser.newPage makes its context with this.newContext: both kinds are watched.
      browser.newContext = async (options) => watch(await newContext.call(browser, options));
      try {
        await provide();
      } finally {
        browser.newContext = newContext;
      }
      // Only on a body that passed: a failure of its own is not covered up.
      if (!cspViolationsExpected && testInfo.status === "passed") expect(reported, "CSP violations reported in the console").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
