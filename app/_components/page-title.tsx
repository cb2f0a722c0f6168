import type { ReactNode } from "react";

/** The house h1 of a customer page: a brand bar on the left (the manual's screens). */
export function PageTitle({ children, className = "mb-4" }: { children: ReactNode; className?: string }) {
  return <h1 className={`${className} border-l-4 border-brand pl-3 text-2xl font-bold`}>{children}</h1>;
}
