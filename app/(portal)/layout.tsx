import type { ReactNode } from "react";
import { CustomerShell } from "@/app/_components/customer-shell";

// The shell only (header, main, footer). Admission is each page's guard (lib/auth/guards.ts): a layout is not
// re-run on every navigation, so it can never be the gate.
export default function Layout({ children }: { children: ReactNode }) {
  return <CustomerShell>{children}</CustomerShell>;
}
