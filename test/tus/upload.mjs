// A real tus client (tus-js-client on Node.js) uploading one file, for the
// tus integration test. Node rather than Bun: Bun 1.3's node:http client
// stalls on the streamed request bodies that tus-js-client sends.
// usage: node upload.mjs ENDPOINT FILE DEST_PATH COOKIE
import { readFileSync } from "node:fs";
import * as tus from "tus-js-client";

const [endpoint, file, destination, cookie] = process.argv.slice(2);
const bytes = readFileSync(file);
const upload = new tus.Upload(bytes, {
  endpoint,
  headers: { cookie },
  metadata: { path: destination },
  retryDelays: [100, 200, 400, 800, 1600],
  removeFingerprintOnSuccess: true,
  onError(error) {
    console.error(`tus upload failed: ${error}`);
    process.exit(1);
  },
  onSuccess() {
    console.log(JSON.stringify({ url: upload.url }));
  },
});
upload.start();
