import * as http from "http";
import type { AddressInfo } from "net";

/** How the test dependency answers. */
export type DependencyMode = { kind: "healthy" } | { kind: "slow"; delayMs: number } | { kind: "failing"; status: number };

/**
 * A real HTTP dependency on 127.0.0.1 (a free port) that a test makes healthy, slow or failing.
 * It records when each request arrived and the highest number of requests in flight.
 */
export class HttpDependency {
  mode: DependencyMode = { kind: "healthy" };
  readonly arrivals: number[] = [];
  maxInFlight = 0;
  private inFlight = 0;
  private readonly server: http.Server;
  private readonly pending = new Set<NodeJS.Timeout>();

  private constructor() {
    this.server = http.createServer((req, res) => {
      this.arrivals.push(performance.now());
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      const n = this.arrivals.length;
      const answer = (): void => {
        this.inFlight -= 1;
        if (res.destroyed) return;
        const mode = this.mode;
        if (mode.kind === "failing") {
          res.writeHead(mode.status, { "content-type": "application/json" }).end(JSON.stringify({ error: "failing on purpose" }));
        } else {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ n }));
        }
      };
      const mode = this.mode;
      if (mode.kind === "slow") {
        const t = setTimeout(() => {
          this.pending.delete(t);
          answer();
        }, mode.delayMs);
        this.pending.add(t);
      } else {
        answer();
      }
    });
  }

  /** Starts a dependency on 127.0.0.1 with an OS-chosen free port. */
  static async start(): Promise<HttpDependency> {
    const d = new HttpDependency();
    await new Promise<void>((resolve) => d.server.listen(0, "127.0.0.1", resolve));
    return d;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Forgets what was recorded. */
  reset(mode: DependencyMode): void {
    this.mode = mode;
    this.arrivals.length = 0;
    this.maxInFlight = 0;
  }

  /** Stops the server and every connection and timer. */
  async stop(): Promise<void> {
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A GET on a fresh connection that honours `signal`: resolves with the status and parsed body. */
export function get(url: string, signal: AbortSignal): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, signal }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}
