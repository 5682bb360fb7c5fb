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
# Argon2 hashing allocates a 19 MiB block per hash. glibc's dynamic mmap threshold then moves
# such blocks onto the heap, which fragments and never shrinks (189 MiB idle after seeding,
# 289 MiB after 20 concurrent logins). A fixed threshold keeps them mmapped and returned
# (18 MiB and 23 MiB).
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-1048576}"
