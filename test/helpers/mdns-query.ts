// A real mDNS client (multicast-dns: queries and answers on 224.0.0.251:5353),
// run by the discovery test inside ANOTHER network namespace than the
// appliance. Usage: bun mdns-query.ts <local IPv4> <service type>.
// Prints one JSON line "found" with what the records say (instance, port,
// TXT, address) and what the advertised address answers over HTTP, then
// keeps listening and prints "goodbye" when the instance says it is leaving
// (a PTR with TTL 0, sent by a responder that shuts down cleanly).
import makeMdns from "multicast-dns";

interface Answer {
  name: string;
  type: string;
  ttl?: number;
  data: unknown;
}

const [localAddress = "0.0.0.0", serviceType = "_http._tcp.local"] = process.argv.slice(2);
// Bound to the wildcard address: a socket bound to the unicast address never sees multicast traffic.
const mdns = makeMdns({ interface: localAddress, bind: "0.0.0.0", reuseAddr: true });
const records = new Map<string, Answer>();
let instance: string | null = null;
let reported = false;

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

function srvOf(name: string) {
  return records.get(`SRV ${name}`)?.data as { port: number; target: string } | undefined;
}

async function reportWhenComplete(): Promise<void> {
  if (reported || !instance) return;
  const srv = srvOf(instance);
  const txt = records.get(`TXT ${instance}`)?.data as Buffer[] | undefined;
  const address = srv ? (records.get(`A ${srv.target}`)?.data as string | undefined) : undefined;
  if (!srv || !txt || !address) {
    mdns.query([{ name: instance, type: "SRV" }, { name: instance, type: "TXT" }, ...(srv ? [{ name: srv.target, type: "A" as const }] : [])]);
    return;
  }
  reported = true;
  const health = await fetch(`http://${address}:${srv.port}/api/system/health`).then((r) => r.status, () => 0);
  say({ event: "found", instance, port: srv.port, target: srv.target, address, txt: txt.map(String), health });
}

mdns.on("response", (packet: { answers: Answer[]; additionals: Answer[] }) => {
  for (const answer of [...packet.answers, ...packet.additionals]) {
    records.set(`${answer.type} ${answer.name}`, answer);
    if (answer.type === "PTR" && answer.name === serviceType) {
      if (answer.ttl === 0 && answer.data === instance) {
        say({ event: "goodbye", instance });
        mdns.destroy();
        process.exit(0);
      }
      instance ??= String(answer.data);
    }
  }
  void reportWhenComplete();
});

// Ask once a second until the records arrive (a responder still probing answers a little later).
const ask = () => (instance ? void reportWhenComplete() : mdns.query([{ name: serviceType, type: "PTR" }]));
ask();
setInterval(ask, 1000);
