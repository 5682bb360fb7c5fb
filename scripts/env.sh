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
# The release build every script uses: server + wasm client, with the client's files
# precompressed (brotli and gzip beside each) for the server to send as the browser accepts,
# and the pages off the booking path split into chunks of their own (src/ui/lazy_pages.rs).
# The client is built first, on its own, with a standard library compiled for it whose panics
# abort at once (no panic messages, locations or formatting code in the wasm: 30 KB less brotli
# on the main module, README "Benchmarks"). Those are unstable flags of the stable
# toolchain, enabled by RUSTC_BOOTSTRAP for that build only (the wasm has its own target dir);
# the server is then built without them.
build_release() {
  RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
    cargo leptos build --release --split --precompress --frontend-only \
    --lib-cargo-args=-Zbuild-std=std,panic_abort \
    --lib-cargo-args=-Zbuild-std-features=optimize_for_size "$@"
  cargo leptos build --release --split --precompress --server-only "$@"
}
# For benchmarks: rebuild only when the server is missing or older than the sources (an
# unconditional build would make `cargo bench` recompile the crate, and vice versa).
build_release_if_stale() {
  if [[ ! -x "$MEDIBOOK_SERVER_BIN" || -n "$(find src migrations Cargo.toml -newer "$MEDIBOOK_SERVER_BIN" | head -1)" ]]; then
    build_release
  fi
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
