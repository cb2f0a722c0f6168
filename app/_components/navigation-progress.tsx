"use client";
// Loading states (feedback while the server works): while the site moves to another of its pages (a link, a sort header, a page
// number, a GET search through next/form) a thin bar runs along the top of the window until the new page is there.
// Why a bar and not route-level loading.tsx: a streamed page commits its HTTP status before the page's guard and
// notFound() run, so a contract the customer may not see would answer 200 instead of 404 (README, SPEC B-0). The
// bar shows only after 150 ms and fades out by itself after 15 s (CSS: a navigation that ends where it started, a
// redirect back to this URL, leaves no bar behind), so a fast page never flickers. It is decoration (aria-hidden): the buttons that
// send a form say so themselves (aria-busy, PendingButton).
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

/** The in-site URL a click on this anchor would navigate to in the same tab, or null (download, new tab, other site). */
function targetOf(anchor: HTMLAnchorElement, event: MouseEvent): string | null {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  if (anchor.hasAttribute("download") || (anchor.target && anchor.target !== "_self")) return null;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin) return null;
  // A link to the page itself, or to a place on it (#main), loads nothing.
  if (url.pathname === location.pathname && url.search === location.search) return null;
  // The site's files and exports (PDF, CSV, downloads) are not pages.
  if (url.pathname.startsWith("/api/") || /\.(pdf|csv|zip)$/i.test(url.pathname) || url.pathname.endsWith("/export")) return null;
  return url.pathname + url.search;
}

export function NavigationProgress() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  // The page a navigation started from: the bar runs while that page is still the one shown, and goes as soon as
  // the new page has arrived (or the visitor went back).
  const [startedOn, setStartedOn] = useState<string | null>(null);
  const loading = startedOn !== null && startedOn === `${pathname}?${search}`;

  useEffect(() => {
    // Capture phase: next/link cancels the click's default (it navigates itself), so a bubbling listener could not
    // tell its clicks from cancelled ones. No link of the site cancels a click for another reason.
    // In the form useSearchParams().toString() gives, so that the two compare equal.
    const here = () => `${location.pathname}?${new URLSearchParams(location.search).toString()}`;
    const onClick = (event: MouseEvent) => {
      const anchor = (event.target as Element | null)?.closest?.("a[href]");
      if (anchor instanceof HTMLAnchorElement && targetOf(anchor, event)) setStartedOn(here());
    };
    // next/form's GET search forms navigate like links; forms that call a server action show their own pending state.
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      const action = form instanceof HTMLFormElement ? form.getAttribute("action") : null;
      if (!(form instanceof HTMLFormElement) || !action?.startsWith("/") || (form.getAttribute("method") ?? "get").toLowerCase() !== "get") return;
      const url = new URL(action, location.href);
      url.search = new URLSearchParams([...new FormData(form, event.submitter)].map(([name, value]) => [name, String(value)])).toString();
      if (url.pathname !== location.pathname || url.search !== location.search) setStartedOn(here());
    };
    const onPageShow = () => setStartedOn(null);
    document.addEventListener("click", onClick, true);
    document.addEventListener("submit", onSubmit);
    window.addEventListener("pageshow", onPageShow);
    return () => {
      document.removeEventListener("click", onClick, true);
      document.removeEventListener("submit", onSubmit);
      window.removeEventListener("pageshow", onPageShow);
    };
  }, []);

  return <div aria-hidden="true" className="navigation-progress" data-state={loading ? "loading" : "idle"} data-testid="navigation-progress" />;
}
