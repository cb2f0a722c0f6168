import "server-only";
import http from "node:http";
import { SOCKET_ADDRESS_HEADER } from "./client-address";

const INSTALLED = Symbol.for("ecustomer.socket-stamp");
type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Writes each request's socket remote address into a header of our own before any handler sees the request, so
 * that lib/security/client-address.ts can tell the last true hop from what a client wrote into X-Forwarded-For. A
 * client-sent header of the same name is overwritten. Installed once per process from instrumentation.ts.
 */
export function installSocketStamp(): void {
  const proto = http.Server.prototype as unknown as { emit: Emit; [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[SOCKET_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
  proto[INSTALLED] = true;
}
