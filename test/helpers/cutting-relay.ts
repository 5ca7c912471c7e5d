// A TCP relay in front of the service that cuts one connection, once, after
// `cutAfter` bytes of a PATCH request have passed (a dropped Wi-Fi in the
// middle of an upload). It notes the Upload-Offset of every PATCH, so a test
// can tell that the upload resumed rather than started over.
// node:net buffers writes, so no byte is lost before the cut.
import { connect, createServer, type AddressInfo } from "node:net";

export interface CuttingRelay {
  port: number;
  stop(): void;
  wasCut(): boolean;
  patchOffsets(): number[];
}

export function startCuttingRelay(targetPort: number, cutAfter: number): Promise<CuttingRelay> {
  let cut = false;
  const patchOffsets: number[] = [];
  const server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    let patchBytes = -1;
    client.on("data", (chunk: Buffer) => {
      const text = chunk.subarray(0, 4096).toString("latin1");
      if (text.startsWith("PATCH ")) {
        patchBytes = 0;
        const offset = /upload-offset: (\d+)/i.exec(text);
        if (offset?.[1]) patchOffsets.push(Number(offset[1]));
      }
      if (patchBytes >= 0) patchBytes += chunk.byteLength;
      if (!cut && patchBytes > cutAfter) {
        cut = true;
        upstream.destroy();
        client.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", close).on("error", close);
    upstream.on("close", close).on("error", close);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ port, stop: () => server.close(), wasCut: () => cut, patchOffsets: () => patchOffsets });
    });
  });
}
