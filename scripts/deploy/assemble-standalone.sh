#!/bin/sh
# X-7: assembles the container's run stage from a standalone build (NEXT_OUTPUT=standalone npm run build) into OUT:
# exactly what the Dockerfile's run stage holds and what CI's container smoke starts (tests/deploy), so the two
# cannot drift. The server runs from OUT (`node server.js`, cwd OUT) as an unprivileged user that may write nothing
# but OUT/.data: the embedded database (PGlite, .data/pglite) and the local blob store (.data/blobs) when
# DATABASE_URL / BLOB_STORE=s3 are not set — mount it as a volume to keep them.
#
#   sh scripts/deploy/assemble-standalone.sh OUT
set -eu
out=${1:?usage: assemble-standalone.sh OUT}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if [ ! -f .next/standalone/server.js ]; then
  echo "assemble-standalone: no standalone build in .next/standalone (run NEXT_OUTPUT=standalone npm run build)" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"
# The traced server (server.js, .next/server, the node_modules it needs, the migrations, the two PDF fonts).
cp -R .next/standalone/. "$out/"
# What the standalone output leaves to the deployer: the browser's static files and public/.
mkdir -p "$out/.next"
cp -R .next/static "$out/.next/static"
if [ -d public ]; then cp -R public "$out/public"; fi
# Migrations run at start (DATABASE_MIGRATE_ON_START=1, or the embedded database's first open): every file of them.
mkdir -p "$out/db"
rm -rf "$out/db/migrations"
cp -R db/migrations "$out/db/migrations"
# The one writable folder (the Dockerfile gives it to the `node` user; CI to `nobody`).
mkdir -p "$out/.data"
echo "assembled $(du -sh "$out" | cut -f1) in $(find "$out" -type f | wc -l | tr -d ' ') files into $out"
