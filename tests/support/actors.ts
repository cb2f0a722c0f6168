import type { CustomerActor, StaffActor } from "@/lib/auth/actor";

// The typed "who" that the request guards build from a session (lib/auth/actor.ts), for calling the lib layer in tests
// as a signed-in customer or staff member would.

export function customerActorOf(account: { id: number; email: string }, clientAddress = "198.51.100.50"): CustomerActor {
  return { type: "customer", accountId: account.id, email: account.email, sessionId: "test-session", mustChangePassword: false, clientAddress };
}

export function staffActorOf(staff: { id: number; email: string; role: StaffActor["role"] }, clientAddress = "198.51.100.51"): StaffActor {
  return { type: "staff", role: staff.role, accountId: staff.id, email: staff.email, sessionId: "test-session", mustChangePassword: false, clientAddress };
}
