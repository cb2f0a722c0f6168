"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";

// The header is part of the route group's layout, which does not know the page it frames: these read the address in
// the browser (the language switch returns to it; 「ログイン」 comes back to it afterwards).
function useCurrentPath(): string {
  const pathname = usePathname() ?? "/";
  const query = useSearchParams()?.toString();
  return query ? `${pathname}?${query}` : pathname;
}

export function CurrentPathInput({ name }: { name: string }) {
  return <input type="hidden" name={name} value={useCurrentPath()} />;
}

export function LoginLink({ className, children }: { className?: string; children: ReactNode }) {
  const current = useCurrentPath();
  const pathname = current.split("?")[0];
  // Back to where the visitor was, except from pages that make no sense after signing in.
  const back = pathname === "/" || pathname === "/login" || pathname === "/logged-out" ? null : current;
  return (
    <Link href={back ? `/login?callbackUrl=${encodeURIComponent(back)}` : "/login"} className={className}>
      {children}
    </Link>
  );
}
