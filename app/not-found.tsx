import { CustomerShell } from "@/app/_components/customer-shell";
import { NotFoundBody } from "@/app/_components/not-found-body";

// A path no route matches: the shell of its own. Inside the route groups, their not-found pages render the body
// only, under the group's shell (one header, one main).
export default function NotFound() {
  return (
    <CustomerShell>
      <NotFoundBody />
    </CustomerShell>
  );
}
