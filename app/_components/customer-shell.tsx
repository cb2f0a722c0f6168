import type { ReactNode } from "react";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

/** The frame of every customer-facing page (the (public) and (portal) layouts, and the not-found page). */
export function CustomerShell({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="main">{children}</main>
      <SiteFooter />
    </>
  );
}

/**
 * What kind of page a customer page is: the shell's one layout rule per kind (issue 29, item 21). Every kind starts
 * at the same left edge as the header and footer (the site's 6xl column); only the right edge differs:
 * - `list`: lists, tables and details, and the menus — the whole column;
 * - `form`: forms and text pages — a reading width;
 * - `completion`: a finished step or a message (done, logged out, not found) — narrower still, not centred.
 */
export type PageKind = "list" | "form" | "completion";

const CONTENT_WIDTH: Record<PageKind, string> = {
  list: "",
  form: "max-w-4xl",
  completion: "max-w-3xl",
};

/** The body of a customer page, laid out by its kind; a page declares its kind and sets no width of its own. */
export function PageBody({ kind, className, children }: { kind: PageKind; className?: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-6xl px-4 py-6" data-page-kind={kind}>
      <div className={[CONTENT_WIDTH[kind], className].filter(Boolean).join(" ") || undefined}>{children}</div>
    </div>
  );
}
