// The reference servers the Drive is measured against, from Debian, started
// on loopback for the run: nginx (GET and PUT) and Apache mod_dav (PROPFIND).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "./processes";

export interface Peer {
  port: number;
  root: string;
  stop(): Promise<void>;
}

async function waitListening(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/`, { method: "OPTIONS" }).then(() => true).catch(() => false);
    if (ok) return;
    await Bun.sleep(50);
  }
  throw new Error(`nothing listens on ${port}`);
}

function spawnPeer(command: string[], port: number, root: string): Promise<Peer> {
  const child = Bun.spawn(command, { stdout: "ignore", stderr: "pipe" });
  return waitListening(port).then(() => ({
    port,
    root,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
    },
  }));
}

/** nginx with one worker (the appliance is one process too), WebDAV methods on. */
export async function startNginx(workDir: string): Promise<Peer> {
  const port = await freePort();
  const root = join(workDir, "nginx-root");
  mkdirSync(join(workDir, "nginx-tmp"), { recursive: true });
  mkdirSync(root, { recursive: true });
  const conf = join(workDir, "nginx.conf");
  // The benchmark runs as root: workers keep root so they can write the folder it made.
  writeFileSync(conf, `user root; worker_processes 1; daemon off; pid ${workDir}/nginx.pid; error_log ${workDir}/nginx-error.log;
events { worker_connections 256; }
http { access_log off; sendfile on; client_max_body_size 0; client_body_temp_path ${workDir}/nginx-tmp;
  proxy_temp_path ${workDir}/nginx-tmp; fastcgi_temp_path ${workDir}/nginx-tmp; uwsgi_temp_path ${workDir}/nginx-tmp; scgi_temp_path ${workDir}/nginx-tmp;
  server { listen 127.0.0.1:${port}; root ${root}; dav_methods PUT DELETE MKCOL COPY MOVE; create_full_put_path on; } }
`);
  return spawnPeer(["nginx", "-c", conf], port, root);
}

/** Apache httpd with mod_dav_fs serving a folder. */
export async function startApacheDav(workDir: string): Promise<Peer> {
  const port = await freePort();
  const root = join(workDir, "apache-root");
  mkdirSync(root, { recursive: true });
  const conf = join(workDir, "apache.conf");
  const modules = "/usr/lib/apache2/modules";
  writeFileSync(conf, `ServerRoot "${workDir}"
Listen 127.0.0.1:${port}
PidFile ${workDir}/apache.pid
ErrorLog ${workDir}/apache-error.log
LoadModule mpm_event_module ${modules}/mod_mpm_event.so
LoadModule authz_core_module ${modules}/mod_authz_core.so
LoadModule dav_module ${modules}/mod_dav.so
LoadModule dav_fs_module ${modules}/mod_dav_fs.so
DavLockDB ${workDir}/davlock
DocumentRoot "${root}"
<Directory "${root}">
  Dav On
  Require all granted
</Directory>
`);
  return spawnPeer(["apache2", "-f", conf, "-DFOREGROUND"], port, root);
}
