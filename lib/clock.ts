import "server-only";

// One clock for every time decision of the domain, so that integration tests can move time (session idle timeout,
// temporary password expiry, publish windows) without sleeping. Production never sets an offset.
const KEY = Symbol.for("ecustomer.clock");
type ClockState = { fixed?: number; offsetMs: number };
const holder = globalThis as typeof globalThis & { [KEY]?: ClockState };

function state(): ClockState {
  return (holder[KEY] ??= { offsetMs: 0 });
}

export function now(): Date {
  const s = state();
  return new Date(s.fixed ?? Date.now() + s.offsetMs);
}

/** Tests only: freeze the clock at `at`, or move it by `advanceMs`; `resetClock()` returns to real time. */
export function setClock(at: Date): void {
  state().fixed = at.getTime();
}

export function advanceClock(ms: number): void {
  const s = state();
  if (s.fixed !== undefined) s.fixed += ms;
  else s.offsetMs += ms;
}

export function resetClock(): void {
  holder[KEY] = { offsetMs: 0 };
}
