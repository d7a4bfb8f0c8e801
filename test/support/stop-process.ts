/**
 * Stops a child process the tests started and waits until it has exited, so its files can be
 * removed afterwards (a Prometheus still flushing its TSDB makes a recursive delete fail).
 */
import type { ChildProcess } from "child_process";

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. Safe to call twice. */
export async function stopProcess(child: ChildProcess | undefined, graceMs: number = 5_000): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
