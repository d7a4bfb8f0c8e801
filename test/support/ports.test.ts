import * as net from "net";
import { ephemeralRange, freePort } from "./ports";

const listen = (port: number) =>
  new Promise<net.Server>((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(port, "127.0.0.1", () => resolve(s));
  });

test("ports handed out are distinct, below the ephemeral range, and bindable", async () => {
  const ports = [];
  for (let i = 0; i < 40; i++) ports.push(await freePort());
  expect(new Set(ports).size).toBe(40);
  const [ephemeralLow] = ephemeralRange();
  for (const p of ports) {
    expect(p).toBeGreaterThanOrEqual(1024);
    expect(p).toBeLessThan(ephemeralLow);
  }
  const servers = await Promise.all(ports.map(listen));
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

test("a port someone already listens on is skipped", async () => {
  const next = await freePort();
  // Occupy the next few ports in the block; freePort must step past all of them.
  const taken = await Promise.all([1, 2, 3].map((d) => listen(next + d).catch(() => undefined)));
  try {
    const got = await freePort();
    const occupied = taken.filter((s): s is net.Server => s !== undefined).map((s) => (s.address() as net.AddressInfo).port);
    expect(occupied).not.toContain(got);
    expect(got).not.toBe(next);
  } finally {
    await Promise.all(taken.map((s) => s && new Promise((r) => s.close(r))));
  }
});
