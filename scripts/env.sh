# Shared environment for MediBook's scripts (sourced, not run).
# A target dir outside the clone lets fresh clones (and CI) reuse earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/medibook/target}"
# cargo-leptos builds the server with LEPTOS_OUTPUT_NAME set; setting it for `cargo test` too
# keeps the compiled dependencies identical, so tests reuse the release build's artifacts.
export LEPTOS_OUTPUT_NAME=medibook
MEDIBOOK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MEDIBOOK_ROOT
# Our own wasm-opt (npm binaryen) must come before any system one (Debian's binaryen 108 breaks
# the wasm in Chromium).
export PATH="$MEDIBOOK_ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# A benchmark can be pointed at another build (e.g. the previous commit's) for same-run comparisons.
export MEDIBOOK_SERVER_BIN="${MEDIBOOK_SERVER_BIN:-$CARGO_TARGET_DIR/release/medibook}"
# Benchmarks drive many clients from 127.0.0.1: they lift the per-address and per-patient
# allowances meant for real clients (`relax_limits` exports them for the server started next).
relax_limits() {
  export MEDIBOOK_LIMITS_SIGN_IN_PER_ADDRESS_PER_MINUTE=10000 \
    MEDIBOOK_LIMITS_SIGN_IN_FAILURES_BEFORE_BACKOFF=100 \
    MEDIBOOK_LIMITS_CODES_PER_ADDRESS_PER_HOUR=10000 \
    MEDIBOOK_LIMITS_BOOKINGS_PER_PATIENT_PER_MINUTE=10000 \
    MEDIBOOK_BOOKING_MAX_FUTURE_APPOINTMENTS=1000
}
# The server is compiled with a profile of itself at work (profile-guided optimisation, README
# "Benchmarks"): scripts/medibook.profdata.xz, recorded by `scripts/pgo-train`. LLVM then puts
# the code the profile saw run often together (`.text.hot`, `.text`) and the code it saw run
# rarely or never apart (`.text.unlikely`, compiled for size); the linker puts the functions it
# saw run first in each (scripts/medibook.symbol-order.xz), and packs the relative relocations
# (DT_RELR, glibc 2.36+) the loader would otherwise read, 2 MB of them. So the server keeps far
# less code resident. The tests and benchmarks get the same flags, so they share the release
# build's compiled dependencies. Only the host target: the wasm client is compiled without them.
# MEDIBOOK_PGO=off builds without.
unpack_once() { # <file.xz> <kind>: prints the path of its unpacked copy, made once per content
  local unpacked
  unpacked="$CARGO_TARGET_DIR/pgo/medibook-$(sha256sum "$1" | cut -c1-16).$2"
  if [[ ! -s "$unpacked" ]]; then
    mkdir -p "$CARGO_TARGET_DIR/pgo"
    python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' \
      "$1" "$unpacked.part"
    mv "$unpacked.part" "$unpacked"
  fi
  echo "$unpacked"
}
if [[ "${MEDIBOOK_PGO:-on}" != off && -f "$MEDIBOOK_ROOT/scripts/medibook.profdata.xz" ]]; then
  MEDIBOOK_PGO_DATA=$(unpack_once "$MEDIBOOK_ROOT/scripts/medibook.profdata.xz" profdata)
  MEDIBOOK_PGO_ORDER=$(unpack_once "$MEDIBOOK_ROOT/scripts/medibook.symbol-order.xz" order)
  export MEDIBOOK_PGO_DATA MEDIBOOK_PGO_ORDER
  # Hash mismatches (functions changed since the profile was recorded) are expected and only
  # mean those functions are compiled as without a profile: not worth a warning each; nor are
  # the ordered functions a binary (a test, say) does not have.
  export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS="-Cprofile-use=$MEDIBOOK_PGO_DATA \
-Cllvm-args=-no-pgo-warn-mismatch -Clink-arg=-Wl,-z,keep-text-section-prefix \
-Clink-arg=-Wl,--symbol-ordering-file=$MEDIBOOK_PGO_ORDER -Clink-arg=-Wl,--no-warn-symbol-ordering \
-Clink-arg=-Wl,-z,pack-relative-relocs"
fi
# Says how much of the server's code the profile still covers: once the code has drifted from
# it, little lands in `.text.unlikely` and it is time to run `scripts/pgo-train` again.
report_profile_coverage() {
  [[ -n "${MEDIBOOK_PGO_DATA:-}" ]] || return 0
  readelf -SW "$MEDIBOOK_SERVER_BIN" | python3 -c '
import re, sys
size = {m[1]: int(m[2], 16) for m in re.finditer(r"\] (\.text\S*)\s+\S+\s+\S+\s+\S+\s+([0-9a-f]+)", sys.stdin.read())}
total, cold = sum(size.values()), size.get(".text.unlikely", 0)
share = 100 * cold / total if total else 0
print(f"server code: {total / 1e6:.1f} MB, {share:.0f} % of it never seen run by the profile (.text.unlikely)")
if share < 50:
    print("the profile no longer matches the code well: run scripts/pgo-train (README \"Benchmarks\")")
' >&2
}
# The release build every script uses: server + wasm client, with the client's files
# precompressed (brotli and gzip beside each) for the server to send as the browser accepts,
# and the pages off the booking path split into chunks of their own (src/ui/lazy_pages.rs).
# The client is built first, on its own, with a standard library compiled for it whose panics
# abort at once (no panic messages, locations or formatting code in the wasm: 30 KB less brotli
# on the main module, README "Benchmarks"). Those are unstable flags of the stable
# toolchain, enabled by RUSTC_BOOTSTRAP for that build only (the wasm has its own target dir);
# the server is then built without them.
build_release() {
  build_client "$@"
  cargo leptos build --release --split --precompress --server-only "$@"
  report_profile_coverage
}
build_client() {
  # Written again at the end; until then, a file from an older build must not name a client
  # that no longer matches (src/app.rs checks it too).
  rm -f "$CARGO_TARGET_DIR/release/hash-islands.txt"
  env -u CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
    cargo leptos build --release --split --precompress --frontend-only \
    --lib-cargo-args=-Zbuild-std=std,panic_abort \
    --lib-cargo-args=-Zbuild-std-features=optimize_for_size "$@" || return
  build_islands_client
}
# The booking path's own client (feature `islands-client`, src/lib.rs): its islands without the
# whole app, whose code and text (wasm-split leaves every chunk's strings in the main module)
# a patient's first visit then never downloads. cargo-leptos builds one client per crate, so
# this one is built here the way it builds its own: the same compiler flags, wasm-bindgen,
# `wasm-opt -Oz`, files named by content and precompressed. `hash-islands.txt` beside the server
# binary names them for the page shell (src/app.rs), with hash.txt's other lines.
build_islands_client() {
  # A target dir of its own: cargo-leptos builds its client with settings (environment, flags)
  # of its own, and sharing one dir would rebuild the Leptos crates for each client in turn.
  local front="$CARGO_TARGET_DIR/front-islands" out="$CARGO_TARGET_DIR/islands-client"
  local pkg="$MEDIBOOK_ROOT/target/site/pkg"
  env -u CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS RUSTC_BOOTSTRAP=1 LEPTOS_OUTPUT_NAME=medibook \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
    cargo build --package=medibook --lib --target-dir="$front" --target=wasm32-unknown-unknown \
    --no-default-features --features=islands-client --profile=wasm-release \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size || return
  rm -rf "$out" && mkdir -p "$out" || return
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name medibook_islands \
    "$front/wasm32-unknown-unknown/wasm-release/medibook.wasm" || return
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$out/medibook_islands_bg.wasm" -o "$out/medibook_islands.wasm" || return
  node "$MEDIBOOK_ROOT/scripts/name-by-content.mjs" "$out" "$pkg" \
    "$CARGO_TARGET_DIR/release/hash.txt" "$CARGO_TARGET_DIR/release/hash-islands.txt"
}
# For benchmarks: rebuild only when the server is missing or older than the sources (an
# unconditional build would make `cargo bench` recompile the crate, and vice versa).
build_release_if_stale() {
  if [[ ! -x "$MEDIBOOK_SERVER_BIN" || -n "$(find src migrations Cargo.toml -newer "$MEDIBOOK_SERVER_BIN" | head -1)" ]]; then
    build_release
  fi
}
# What the benchmarks and the profile's training ask a demo server for (`$1` is its address):
# Dr. Emily Davis (Mon-Fri), the next Monday at least two days away, and a demo patient's
# session cookie (`$2` signs in with the demo password from Leptos.toml).
demo_doctor_id() {
  curl -s -X POST -H "Origin: $1" "$1/api/list_doctors" \
    | python3 -c 'import json,sys; print(next(d["id"] for d in json.load(sys.stdin) if d["full_name"]=="Dr. Emily Davis"))'
}
next_working_monday() {
  python3 -c 'import datetime as d; t=d.date.today()+d.timedelta(days=2); print(t+d.timedelta(days=(7-t.weekday())%7))'
}
demo_session_cookie() {
  local password
  password=$(awk -F'"' '/^demo_password/ {print $2}' "$MEDIBOOK_ROOT/Leptos.toml")
  curl -s -o /dev/null -D - -X POST -H "Origin: $1" \
    --data-urlencode "login=$2" --data-urlencode "password=$password" "$1/api/login" \
    | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}' | head -1
}
# Benchmarks keep the server's stderr (a panic's message and backtrace) in this file and say at
# the end whether it panicked: a panic in a handler costs one request, which `wrk` may not show.
export BENCH_SERVER_ERR="${BENCH_SERVER_ERR:-$CARGO_TARGET_DIR/bench-server.err}"
report_server_panics() {
  if grep -q "panicked" "$BENCH_SERVER_ERR" 2>/dev/null; then
    echo "the server panicked ($(grep -c panicked "$BENCH_SERVER_ERR") times; all of it in $BENCH_SERVER_ERR):" >&2
    grep -A2 "panicked" "$BENCH_SERVER_ERR" | head -12 >&2
  fi
}
