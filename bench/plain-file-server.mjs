// The yardstick of issue 13's download bench line: the plainest Node file server there is — every GET answers the one
// file with its length and `fs.createReadStream(file).pipe(response)`, no checks, no database. `npm run bench`
// downloads the same file from it and from the app in the same run and prints the app's MB/s as a ratio to this.
// `node bench/plain-file-server.mjs <file>`: listens on a free loopback port and prints {"port":N} when it does.
import fs from "node:fs";
import http from "node:http";

const file = process.argv[2];
const { size } = fs.statSync(file);
const server = http.createServer((request, response) => {
  response.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(size) });
  if (request.method === "HEAD") return void response.end();
  fs.createReadStream(file).pipe(response);
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
