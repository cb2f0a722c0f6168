#!/usr/bin/env bash
# Issue 27, items 3, 4 and 6: the Vercel build, offline, and what it must hold.
#
#   scripts/deploy/vercel-build.sh [--measure-only] [--source DIR] [--keep] POSTGRES_SERVER_URL
#
# POSTGRES_SERVER_URL  a PostgreSQL server this script may create a database on, e.g. CI's
#                      postgres://postgres@127.0.0.1:5433/postgres (only the server part counts; the path is
#                      replaced). The script creates the database vercel_check_<pid> there (psql from PATH), seeds the
#                      demo data into it (npm run db:reset), runs the PDF function against it and drops it at the end.
#                      May also come from VERCEL_CHECK_PG_SERVER.
# --measure-only       build and print every function's size, report the checks but fail on none of them, and skip
#                      the function run (no PostgreSQL needed). Used to measure an older commit (README: Deploy to
#                      Vercel, sizes before → after).
# --source DIR         the project folder to build (default: the repository holding this script).
# --keep               keep the work folder (printed at the start) for a look afterwards.
#
# Environment (all optional):
#   VERCEL_CLI_DIR     where the vercel CLI 58.10.0 is installed, and reused when it is there already
#                      (default: <system temp dir>/vercel-cli-58.10.0)
#   VERCEL_WORK_PARENT where the work folder is made (default: the system temp dir; same file system as the project
#                      folder for the node_modules hard links, else they are copied)
#   VERCEL_CHECK_PORT  port of the function's test server (default 3480; the caller's range 3400–3499)
#
# What happens, in a copy of the source tree (CI's e2e run uses the project's .next at the same time; nothing here
# writes into the project folder):
#   1. the tracked and untracked-but-not-ignored files are copied into <work>/src, node_modules hard-linked (cp -al);
#   2. .vercel/project.json (with `settings`: without them `vercel build` exits 0 offline and writes nothing) and
#      .vercel/.env.production.local are written; `vercel build --prod --yes` runs with only that environment;
#   3. the build log must not say "tracing of the whole project" (a dynamic file-system path in server code);
#   4. scripts/deploy/check-vercel-output.mjs checks .vercel/output (runtime, sizes, fonts, wasm, PGlite, crons);
#   5. the B-3 PDF function's folder alone (symlinks dereferenced) is copied into an empty folder and run there by
#      scripts/deploy/serve-function.mjs the way Vercel's Node runtime calls it; /licenses/100001/pdf must answer a
#      PDF with an embedded Noto Sans JP subset to the demo customer, and no PDF without a session.
set -euo pipefail

STARTED=$SECONDS
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/../.." && pwd)
VERCEL_VERSION=58.10.0

MEASURE_ONLY=0
KEEP=0
SOURCE_DIR=$REPO_DIR
PG_SERVER=${VERCEL_CHECK_PG_SERVER:-}
while [ $# -gt 0 ]; do
  case $1 in
    --measure-only) MEASURE_ONLY=1 ;;
    --keep) KEEP=1 ;;
    --source) SOURCE_DIR=$(cd "$2" && pwd); shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "vercel-build: unknown option $1" >&2; exit 2 ;;
    *) PG_SERVER=$1 ;;
  esac
  shift
done
if [ "$MEASURE_ONLY" -eq 0 ] && [ -z "$PG_SERVER" ]; then
  echo "vercel-build: give a PostgreSQL server URL (argument or VERCEL_CHECK_PG_SERVER), or --measure-only" >&2
  exit 2
fi

log() { printf '[vercel-build %4ss] %s\n' "$((SECONDS - STARTED))" "$*"; }
fail() {
  printf '\nvercel-build: FAILED: %s\n' "$*" >&2
  exit 1
}

TMP_ROOT=${TMPDIR:-/tmp}
WORK=$(mktemp -d "${VERCEL_WORK_PARENT:-$TMP_ROOT}/vercel-build.XXXXXX")
SERVER_PID=""
FN_ROOT=""
DB_NAME=""
DB_URL=""
cleanup() {
  local status=$?
  if [ -n "$SERVER_PID" ]; then kill -- "-$SERVER_PID" 2>/dev/null || kill "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$DB_NAME" ]; then psql -q -X "$(server_url postgres)" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [ "$KEEP" -eq 1 ]; then
    echo "vercel-build: kept: $WORK${FN_ROOT:+ and $FN_ROOT}"
  else
    rm -rf "$WORK" ${FN_ROOT:+"$FN_ROOT"}
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The server URL with another database name (and no query string).
server_url() { node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; u.search = ""; console.log(u.href)' "$PG_SERVER" "$1"; }

log "node $(node --version); source $SOURCE_DIR; work folder $WORK"
[ -d "$SOURCE_DIR/node_modules" ] || fail "$SOURCE_DIR/node_modules is missing: run npm ci there first"

# --- 1. a copy of the source tree -----------------------------------------------------------------------------------
SRC=$WORK/src
mkdir -p "$SRC"
(
  cd "$SOURCE_DIR"
  # Files deleted in the working tree are still listed by --cached: keep only what exists.
  git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' file; do
      case $file in .vercel/* | node_modules/* | .next/* | .data/*) continue ;; esac
      if [ -e "$file" ] || [ -L "$file" ]; then printf '%s\0' "$file"; fi
    done |
    tar --null -T - -cf -
) | tar -C "$SRC" -xf -
if ! cp -al "$SOURCE_DIR/node_modules" "$SRC/node_modules" 2>/dev/null; then
  log "hard links impossible (another file system?): copying node_modules"
  rm -rf "$SRC/node_modules"
  cp -a "$SOURCE_DIR/node_modules" "$SRC/node_modules"
fi
log "copied $(cd "$SRC" && find . -path ./node_modules -prune -o -type f -print | wc -l) source files, node_modules linked"

# --- 2. the CLI, the project settings, the build --------------------------------------------------------------------
CLI_DIR=${VERCEL_CLI_DIR:-$TMP_ROOT/vercel-cli-$VERCEL_VERSION}
VERCEL=$CLI_DIR/node_modules/.bin/vercel
installed_version() { node -p 'require(process.argv[1]).version' "$CLI_DIR/node_modules/vercel/package.json" 2>/dev/null || true; }
if [ "$(installed_version)" != "$VERCEL_VERSION" ]; then
  log "installing vercel@$VERCEL_VERSION into $CLI_DIR"
  mkdir -p "$CLI_DIR"
  npm i -E --prefix "$CLI_DIR" --no-audit --no-fund --loglevel=error "vercel@$VERCEL_VERSION" >/dev/null
fi
[ "$(installed_version)" = "$VERCEL_VERSION" ] || fail "vercel@$VERCEL_VERSION did not install into $CLI_DIR"

if [ "$MEASURE_ONLY" -eq 1 ]; then
  # The build only needs the variable to be set (next.config.ts); nothing connects at build time.
  DB_URL=postgres://build@127.0.0.1:1/unused
else
  DB_NAME=vercel_check_$$
  PGOPTIONS="-c client_min_messages=warning" psql -q -X "$(server_url postgres)" \
    -c "DROP DATABASE IF EXISTS $DB_NAME" -c "CREATE DATABASE $DB_NAME" >/dev/null ||
    fail "could not create the database $DB_NAME on $(server_url postgres)"
  DB_URL=$(server_url "$DB_NAME")
fi
AUTH_SECRET=$(node -e 'console.log(require("node:crypto").randomBytes(32).toString("base64url"))')
CRON_SECRET=$(node -e 'console.log(require("node:crypto").randomBytes(24).toString("base64url"))')
# A production site is https: the session cookie is then __Host-ecs.session, as on Vercel.
AUTH_URL=https://portal.example.invalid

# The commands of README "Deploy to Vercel", with this run's values.
mkdir -p "$SRC/.vercel"
cat >"$SRC/.vercel/project.json" <<'JSON'
{
  "projectId": "prj_offline_build",
  "orgId": "team_offline_build",
  "settings": {
    "framework": "nextjs",
    "installCommand": "",
    "buildCommand": null,
    "outputDirectory": null,
    "devCommand": null,
    "rootDirectory": null,
    "nodeVersion": "24.x"
  }
}
JSON
cat >"$SRC/.vercel/.env.production.local" <<ENV
DATABASE_URL=$DB_URL
DATABASE_POOL_MAX=2
AUTH_SECRET=$AUTH_SECRET
AUTH_URL=$AUTH_URL
CRON_SECRET=$CRON_SECRET
ENV

# The demo data goes into the check's database while the build runs (the seed hashes with the test suites' cost).
# Its files go outside the tree: the build traces .data/blobs when it exists (lib/blob/store.ts's default folder).
SEED_PID=""
if [ "$MEASURE_ONLY" -eq 0 ]; then
  (cd "$SRC" && env -i PATH="$PATH" HOME="$WORK/home" LANG=C.UTF-8 DATABASE_URL="$DB_URL" PASSWORD_SCRYPT_LOG_N=14 BLOB_DIR="$WORK/seed-blobs" \
    node_modules/.bin/tsx --conditions=react-server scripts/db.ts reset) >"$WORK/seed.log" 2>&1 &
  SEED_PID=$!
fi

BUILD_LOG=$WORK/vercel-build.log
log "vercel build --prod --yes (log: $BUILD_LOG)"
BUILD_STARTED=$SECONDS
status=0
# Only the env file speaks to the build: nothing of the caller's environment (CI exports DATABASE_URL and test
# settings) leaks in; HOME is the work folder's, so no login or global config of this machine is read.
(
  cd "$SRC"
  env -i PATH="$PATH" HOME="$WORK/home" TMPDIR="$TMP_ROOT" LANG=C.UTF-8 CI=1 \
    NEXT_TELEMETRY_DISABLED=1 VERCEL_TELEMETRY_DISABLED=1 \
    "$VERCEL" build --prod --yes
) >"$BUILD_LOG" 2>&1 || status=$?
log "vercel build exited $status after $((SECONDS - BUILD_STARTED))s"
if [ "$status" -ne 0 ]; then
  tail -n 40 "$BUILD_LOG" >&2
  ! grep -q -i "tracing of the whole project" "$BUILD_LOG" || echo "vercel-build: the build log also says 'tracing of the whole project'" >&2
  fail "vercel build exited $status (log above: last 40 lines of $BUILD_LOG)"
fi
OUTPUT=$SRC/.vercel/output
[ -f "$OUTPUT/config.json" ] || { tail -n 40 "$BUILD_LOG" >&2; fail "vercel build wrote no $OUTPUT/config.json (settings missing from .vercel/project.json?)"; }

# --- 3. no tracing of the whole project ------------------------------------------------------------------------------
CHECKS_FAILED=0
if grep -n -i -B2 -A12 "tracing of the whole project" "$BUILD_LOG" >&2; then
  echo >&2
  echo "vercel-build: the build log says 'tracing of the whole project' (above): a dynamic file-system path in server code" \
    "makes every function ship the whole project. Use a literal path (lib/pdf/japanese-font.ts) or mark an operator's path" \
    "with /*turbopackIgnore: true*/." >&2
  [ "$MEASURE_ONLY" -eq 1 ] || fail "the build traced the whole project"
  CHECKS_FAILED=1
else
  log "build log: no 'tracing of the whole project'"
fi

# --- 4. the output ---------------------------------------------------------------------------------------------------
status=0
node "$SCRIPT_DIR/check-vercel-output.mjs" "$OUTPUT" "$SRC/vercel.json" || status=$?
if [ "$status" -ne 0 ]; then
  [ "$MEASURE_ONLY" -eq 1 ] || fail "the Vercel output does not hold what it must (check-vercel-output.mjs, above)"
  CHECKS_FAILED=1
fi
if [ "$MEASURE_ONLY" -eq 1 ]; then
  log "measure-only: done in $((SECONDS - STARTED))s ($([ $CHECKS_FAILED -eq 1 ] && echo 'some checks failed' || echo 'all checks passed'))"
  exit 0
fi

# --- 5. the PDF function alone ---------------------------------------------------------------------------------------
status=0
wait "$SEED_PID" || status=$?
[ "$status" -eq 0 ] || { cat "$WORK/seed.log" >&2; fail "seeding the demo data into $DB_NAME failed"; }
log "demo data seeded into $DB_NAME"

FN_ROOT=$(mktemp -d "$TMP_ROOT/vercel-function.XXXXXX")
FN=$FN_ROOT/fn
# "Alone": nothing above the folder may offer a node_modules for Node's resolution to fall back on.
dir=$FN_ROOT
while [ "$dir" != / ]; do
  dir=$(dirname "$dir")
  [ ! -e "$dir/node_modules" ] || fail "$dir/node_modules exists: the function copy under $FN_ROOT would not run alone (set TMPDIR elsewhere)"
done
PDF_ROUTE='licenses/[licenseId]/pdf'
node "$SCRIPT_DIR/copy-function.mjs" "$OUTPUT" "$PDF_ROUTE" "$FN" --routes "$FN_ROOT/routes.json"
log "function of $PDF_ROUTE copied alone: $(du -sh "$FN" | cut -f1) in $(find "$FN" -type f | wc -l) files"

COOKIE=$(cd "$SRC" && env -i PATH="$PATH" HOME="$WORK/home" LANG=C.UTF-8 DATABASE_URL="$DB_URL" AUTH_SECRET="$AUTH_SECRET" AUTH_URL="$AUTH_URL" \
  node_modules/.bin/tsx --conditions=react-server scripts/deploy/session-cookie.ts user@example.co.jp) ||
  fail "could not make a session for user@example.co.jp (scripts/deploy/session-cookie.ts)"
log "session made for user@example.co.jp (${COOKIE%%=*})"

PORT=${VERCEL_CHECK_PORT:-3480}
SERVER_LOG=$WORK/function.log
# The production environment of the Vercel project, and what the platform sets; nothing else of this machine.
# shellcheck disable=SC2046
setsid env -i PATH="$(dirname "$(command -v node)")" HOME="$FN_ROOT" LANG=C.UTF-8 TZ=UTC \
  $(grep -v '^#' "$SRC/.vercel/.env.production.local") \
  VERCEL=1 VERCEL_ENV=production VERCEL_REGION=hnd1 NODE_ENV=production \
  node "$SCRIPT_DIR/serve-function.mjs" "$FN" "$PORT" "$FN_ROOT/routes.json" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  grep -q "on http://" "$SERVER_LOG" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SERVER_LOG" >&2; fail "the function's server stopped at start"; }
  sleep 0.2
done
grep -q "on http://" "$SERVER_LOG" || { cat "$SERVER_LOG" >&2; fail "the function's server did not start within 20 s"; }
URL=http://127.0.0.1:$PORT/licenses/100001/pdf

# get URL FILE [COOKIE]: the body into FILE; prints "status content-type size location" (no curl on a bare CI image).
get() {
  node -e '
    const [url, file, cookie] = process.argv.slice(1);
    fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} }).then(async (r) => {
      const body = Buffer.from(await r.arrayBuffer());
      require("node:fs").writeFileSync(file, body);
      console.log([r.status, r.headers.get("content-type"), body.length, r.headers.get("location") ?? ""].join(" "));
    }).catch((e) => { console.error(e.message); process.exit(1); });' "$@"
}
# Without a session: the login page or a 404, never the PDF.
anonymous=$(get "$URL" "$FN_ROOT/anonymous.body") || fail "no answer from the function"
log "without a session: $anonymous"
case $anonymous in
  30[1278]\ *login* | 404\ *) ;;
  *) cat "$SERVER_LOG" >&2; fail "GET /licenses/100001/pdf without a session answered '$anonymous', not a redirect to /login or 404" ;;
esac

signed_in=$(get "$URL" "$FN_ROOT/holdings.pdf" "$COOKIE") || fail "no answer from the function"
log "as user@example.co.jp: $signed_in"
case $signed_in in
  "200 application/pdf "*) ;;
  *) cat "$SERVER_LOG" >&2; fail "GET /licenses/100001/pdf as user@example.co.jp answered '$signed_in', not 200 application/pdf" ;;
esac
[ "$(head -c 4 "$FN_ROOT/holdings.pdf")" = "%PDF" ] || fail "the answer does not start with %PDF"
pdffonts "$FN_ROOT/holdings.pdf" | tee "$FN_ROOT/pdffonts.txt"
# An embedded (emb = yes) Noto Sans JP, cut to the document's characters: the whole font alone is 4.5 MB.
awk '/NotoSansJP/ && $0 ~ / yes +(yes|no) +(yes|no) +[0-9]+ +[0-9]+ *$/ { found = 1 } END { exit !found }' "$FN_ROOT/pdffonts.txt" ||
  fail "pdffonts shows no embedded Noto Sans JP font"
pdf_bytes=$(stat -c %s "$FN_ROOT/holdings.pdf")
[ "$pdf_bytes" -lt 1000000 ] || fail "the PDF is $pdf_bytes bytes: the font was not subset"
if grep -q -i "error" "$SERVER_LOG"; then
  echo "--- the function's log:" && cat "$SERVER_LOG"
fi
log "the PDF function ran alone: $pdf_bytes-byte PDF with an embedded Noto Sans JP subset; no PDF without a session"
log "Vercel build check passed in $((SECONDS - STARTED))s"
