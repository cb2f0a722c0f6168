// The npm registry this project's machines reach serves only Linux builds of platform-specific optional packages
// (@next/swc-*, @tailwindcss/oxide-*, …), so `npm install` here writes a lock file without the other platforms'
// entries — and `npm ci` refuses such a lock file everywhere ("Missing: …@ from lock file"). This adds each missing
// optional entry with its exact version and the os/cpu/libc its name declares: npm skips them on other platforms
// and resolves them normally on the platforms that need them. Run it after `npm install` changes the lock file.
import fs from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const OS = ["darwin", "linux", "win32", "android", "freebsd", "openbsd", "netbsd", "sunos", "aix", "openharmony"];
const CPU = ["arm64", "x64", "arm", "ia32", "loong64", "ppc64", "riscv64", "s390x", "wasm32", "mips64el"];

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const version = String(range).replace(/^[\^~=v]/, "");
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version)) throw new Error(`${name}: cannot pin the range ${range}`);
    const tokens = name.split("/").pop().split("-");
    const platform = { version, optional: true };
    const cpu = tokens.find((t) => CPU.includes(t));
    const os = tokens.find((t) => OS.includes(t));
    if (cpu) platform.cpu = [cpu];
    if (os) platform.os = [os];
    if (tokens.some((t) => t.startsWith("musl"))) platform.libc = ["musl"];
    else if (tokens.some((t) => t === "gnu" || t.startsWith("gnueabi"))) platform.libc = ["glibc"];
    if (!cpu && !os) throw new Error(`${name}: no platform in its name`);
    lock.packages[`node_modules/${name}`] = platform;
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
