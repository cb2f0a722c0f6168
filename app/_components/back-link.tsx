import Link from "next/link";
import type { ReactNode } from "react";

/** The way back up, above a page's title: to the list, the detail or the menu the page was opened from. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <Link href={href} className="text-link underline">
        {children}
      </Link>
    </p>
  );
}
