import "server-only";
import type { StaffRole } from "@/db/schema";
import type { ActiveSession } from "./sessions";

// The typed "who" that every lib function acting for someone takes explicitly (`{ actor, … }`); the request guards
// (lib/auth/guards.ts) build it from the session and the request, so a lib call can never act for nobody.
type ActorBase = {
  accountId: number;
  /** The login e-mail: B-0 visibility, throttling and audit are keyed on it. */
  email: string;
  sessionId: string;
  /** the guards let such an actor reach only the password change. */
  mustChangePassword: boolean;
  /** The client address of the request (A-8, audit); null when unknown. */
  clientAddress: string | null;
};
export type CustomerActor = ActorBase & { type: "customer" };
export type StaffActor = ActorBase & { type: "staff"; role: StaffRole };
export type Actor = CustomerActor | StaffActor;

/** Visibility (B-0) needs only the login e-mail: queries take this much of a customer actor. */
export type VisibilityActor = Pick<CustomerActor, "email">;

export function actorOf(session: ActiveSession, clientAddress: string | null): Actor {
  const base: ActorBase = {
    accountId: session.principal.accountId,
    email: session.email,
    sessionId: session.id,
    mustChangePassword: session.mustChangePassword,
    clientAddress,
  };
  return session.principal.type === "staff" ? { ...base, type: "staff", role: session.role! } : { ...base, type: "customer" };
}
