export {};
// The floor for every HTTP figure: a bare Bun.serve answering from memory,
// with "hello" or, when BENCH_FILE is set, that file's bytes (so a static
// asset is compared with the same bytes served by the barest server).
const file = process.env.BENCH_FILE;
const body = file ? new Uint8Array(await Bun.file(file).arrayBuffer()) : "hello";
const type = file ? Bun.file(file).type : "text/plain";
const server = Bun.serve({
  port: Number(process.env.COZY_PORT ?? 0),
  hostname: "127.0.0.1",
  fetch: () => new Response(body, { headers: { "content-type": type } }),
});
console.error(`floor server ready at http://127.0.0.1:${server.port}`);
