// Publishes the booking path's own client (scripts/env.sh, build_islands_client) as cargo-leptos
// publishes its client: each file named by its content (`medibook_islands.<hash>.js`), with a
// brotli and a gzip copy beside it for the server to send as the browser accepts, and the
// hashes recorded for the page shell.
//
// node name-by-content.mjs <built dir> <site pkg dir> <hash.txt> <hash-islands.txt to write>
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const [built, pkg, hashTxt, islandsHashTxt] = process.argv.slice(2);
const stem = 'medibook_islands';

/** 22 URL-safe base64 characters of the content's SHA-256, as long as cargo-leptos's hashes. */
const contentHash = (bytes) => createHash('sha256').update(bytes).digest().subarray(0, 16).toString('base64url');

const precompress = (path) => {
  const bytes = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
};

// An earlier build's files go: only this build's are named in the hash file.
for (const name of readdirSync(pkg)) {
  if (name.startsWith(`${stem}.`)) rmSync(join(pkg, name));
}
const hashes = {};
for (const ext of ['js', 'wasm']) {
  const bytes = readFileSync(join(built, `${stem}.${ext}`));
  hashes[ext] = contentHash(bytes);
  const published = join(pkg, `${stem}.${hashes[ext]}.${ext}`);
  writeFileSync(published, bytes);
  precompress(published);
}
// Inline JavaScript of the crates (wasm-bindgen's `snippets`), imported by relative path.
const snippets = join(built, 'snippets');
if (existsSync(snippets)) {
  cpSync(snippets, join(pkg, 'snippets'), { recursive: true });
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) precompress(path);
    }
  };
  walk(join(pkg, 'snippets'));
}
// The whole app's other lines (stylesheet, split manifest) stay: the page shell reads them too.
const others = readFileSync(hashTxt, 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !/^(js|wasm):/.test(line.trim()));
writeFileSync(islandsHashTxt, [`js: ${hashes.js}`, `wasm: ${hashes.wasm}`, ...others].join('\n') + '\n');
console.log(`booking path client: ${stem}.${hashes.wasm}.wasm, ${stem}.${hashes.js}.js`);
