// The floor for every HTTP figure: a bare Bun.serve hello-world.
const server = Bun.serve({
  port: Number(process.env.COZY_PORT ?? 0),
  hostname: "127.0.0.1",
  fetch: () => new Response("hello", { headers: { "content-type": "text/plain" } }),
});
console.error(`hello-world ready at http://127.0.0.1:${server.port}`);
