import type { z } from "zod";

/** What a refinement's `params.kind` means, for the message that names the value. */
const KIND_TEXT: Record<string, string> = {
  duration: "is not a duration like 30d",
  quantity: "is not a Kubernetes quantity like 50Gi or 500m",
  "dns-label": "is not a DNS-1123 label (lower-case letters, digits and '-', at most 63)",
  size: "is not a size like 50GB",
  url: "is not an absolute URL like https://grafana.example.com",
  registry: "is not a registry host like registry.example.com:5000 (no scheme, no path)",
};

/** Zod's type names as a person says them. */
const TYPE_TEXT: Record<string, string> = { int: "whole number", object: "mapping", array: "list" };

function show(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

/** One zod issue as `<what is wrong>`, naming the offending value. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type":
      return input === undefined
        ? `is required (${TYPE_TEXT[issue.expected] ?? issue.expected})`
        : `${show(input)} is not a ${TYPE_TEXT[issue.expected] ?? issue.expected}`;
    case "unrecognized_keys":
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "too_small":
      return `${show(input)} is below the minimum ${String(issue.minimum)}`;
    case "too_big":
      return `${show(input)} is above the maximum ${String(issue.maximum)}`;
    case "invalid_value":
      if (input === undefined) return `is required (one of ${issue.values.map((v) => String(v)).join(", ")})`;
      return `${show(input)} is not one of ${issue.values.map((v) => String(v)).join(", ")}`;
    case "invalid_union":
      return `${show(input)} matches none of the allowed forms`;
    case "invalid_key": {
      const inner = issue.issues[0];
      return inner === undefined ? `${show(input)} is not a valid key` : describeIssue({ ...inner, input } as z.core.$ZodIssue);
    }
    case "invalid_format":
    case "custom": {
      const kind = (issue as { params?: { kind?: string } }).params?.kind;
      return `${show(input)} ${kind !== undefined ? KIND_TEXT[kind] ?? issue.message : issue.message}`;
    }
    default:
      return `${show(input)}: ${issue.message}`;
  }
}

/**
 * Formats every issue as `<file>: <project>:<path>: <message>`; an unknown key is reported at
 * the key itself so the line names exactly what to delete or rename.
 */
export function formatIssues(file: string, project: string, issues: z.core.$ZodIssue[]): string {
  return issues
    .flatMap((issue) => {
      const base = issue.path.map(String);
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((k) => `${file}: ${project}:${[...base, k].join(".")}: unknown key`);
      }
      return [`${file}: ${project}:${base.join(".")}: ${describeIssue(issue)}`];
    })
    .join("\n");
}
