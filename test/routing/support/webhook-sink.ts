import * as http from "http";
import type { AddressInfo } from "net";

/** One webhook notification as Alertmanager posts it (the fields the tests read). */
export interface Notification {
  /** Receiver name, taken from the request path `/<receiver>`. */
  path: string;
  receiver: string;
  status: "firing" | "resolved";
  groupKey: string;
  groupLabels: Record<string, string>;
  alerts: Array<{ status: string; labels: Record<string, string> }>;
}

/**
 * A webhook sink on 127.0.0.1 that records every notification. The test-only config
 * rewrite points each receiver at `<url>/<receiver name>`.
 */
export class WebhookSink {
  readonly received: Notification[] = [];
  private readonly server: http.Server;
  private port = 0;

  private constructor() {
    this.server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        try {
          this.received.push({ path: (req.url ?? "").replace(/^\//, ""), ...(JSON.parse(body) as Omit<Notification, "path">) });
          res.writeHead(200).end();
        } catch {
          res.writeHead(400).end();
        }
      });
    });
  }

  /** Starts a sink on a free port of 127.0.0.1. */
  static async start(): Promise<WebhookSink> {
    const sink = new WebhookSink();
    await new Promise<void>((resolve) => sink.server.listen(0, "127.0.0.1", resolve));
    sink.port = (sink.server.address() as AddressInfo).port;
    return sink;
  }

  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Notifications for one receiver, in arrival order. */
  for(receiver: string): Notification[] {
    return this.received.filter((n) => n.path === receiver);
  }

  /** Waits until `done()` holds, polling; throws after `timeoutMs` with what arrived. */
  async waitFor(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received: ${JSON.stringify(this.received.map((n) => [n.path, n.status, n.alerts.length]))}`);
      }
      await sleep(50);
    }
  }

  clear(): void {
    this.received.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
