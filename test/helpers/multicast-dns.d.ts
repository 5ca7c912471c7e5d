// The few parts of multicast-dns (a plain JavaScript package) that the discovery test's client uses.
declare module "multicast-dns" {
  interface Question {
    name: string;
    type: string;
  }
  interface MulticastDns {
    query(questions: Question[]): void;
    on(event: "response", listener: (packet: { answers: never[]; additionals: never[] }) => void): void;
    destroy(): void;
  }
  export default function makeMdns(options?: { interface?: string; bind?: string; reuseAddr?: boolean }): MulticastDns;
}
