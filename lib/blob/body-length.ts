import "server-only";
import http from "node:http";

// SPEC D, a download's size: Next's Node server leaves a route handler's Content-Length off the answer (its
// sendResponse drops the header, in case fetch decoded the body) and sends the file chunked, so a browser shows
// neither progress nor time left on a 1 GB module. lib/blob/serve.ts states the exact length of the body it streams
// in a header of ours as well; here, when the answer's head is written, that header becomes the Content-Length. Only
// for a body nobody re-encodes: downloads say Cache-Control no-transform, which keeps Next's compression off them,
// and an answer with a Content-Encoding is left as it is. Installed once per process from instrumentation.ts.
export const BODY_LENGTH_HEADER = "x-ecustomer-body-length";

const INSTALLED = Symbol.for("ecustomer.body-length");
type WriteHead = (this: http.ServerResponse, ...args: unknown[]) => http.ServerResponse;

export function installBodyLength(): void {
  const proto = http.ServerResponse.prototype as unknown as { writeHead: WriteHead; [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const writeHead = proto.writeHead;
  proto.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    const length = this.getHeader(BODY_LENGTH_HEADER);
    if (length !== undefined && !this.headersSent) {
      this.removeHeader(BODY_LENGTH_HEADER);
      if (/^\d{1,15}$/.test(String(length)) && this.getHeader("content-encoding") === undefined) {
        this.removeHeader("transfer-encoding");
        this.setHeader("content-length", String(length));
      }
    }
    return writeHead.apply(this, args);
  };
  proto[INSTALLED] = true;
}
