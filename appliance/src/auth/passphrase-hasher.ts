// argon2id through Bun.password. The parameters are OWASP's minimum for
// argon2id (19 MiB, 2 passes), chosen for a 2 GB Raspberry Pi: a sign-in
// takes a fraction of a second there and two at once fit in memory. At most
// MAX_CONCURRENT hashes run at once so a burst cannot exhaust RAM.

const ARGON2 = { algorithm: "argon2id", memoryCost: 19_456, timeCost: 2 } as const;
const MAX_CONCURRENT = 2;

export interface PassphraseHasher {
  hash(passphrase: string): Promise<string>;
  verify(passphrase: string, hash: string): Promise<boolean>;
}

class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

export function createArgon2Hasher(): PassphraseHasher {
  const slots = new Semaphore(MAX_CONCURRENT);
  return {
    hash: (passphrase) => slots.run(() => Bun.password.hash(passphrase, ARGON2)),
    verify: (passphrase, hash) => slots.run(() => Bun.password.verify(passphrase, hash)),
  };
}
