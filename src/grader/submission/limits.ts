/**
 * Hard limits on what the submission loader reads, so a broken or hostile folder can never crash
 * or hang the grader. Each limit has its own problem code and bilingual message (see read-dir.ts
 * and parse-file.ts).
 */

export interface Limits {
  /** Bytes per YAML file (problem limits.fileSize). */
  maxFileBytes: number;
  /** Bytes of all YAML files together (limits.totalSize). */
  maxTotalBytes: number;
  /** Number of YAML files in the folder (limits.files). */
  maxFiles: number;
  /** YAML documents in all files together, empty ones included (limits.documents). */
  maxDocuments: number;
  /** Passed to yaml's toJS({ maxAliasCount }); billion-laughs inputs exceed it (yaml.aliases). */
  maxAliasCount: number;
  /** Nesting depth of one document's mappings and lists (limits.depth). */
  maxDepth: number;
  /** Keys in one mapping, checked before yaml builds the document (limits.keys, see key-limit.ts). */
  maxKeys: number;
  /** Problems reported before the rest are summarised as one limits.problems entry. */
  maxProblems: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 1024 * 1024,
  maxFiles: 50,
  maxDocuments: 200,
  maxAliasCount: 100,
  maxDepth: 64,
  maxKeys: 1000,
  maxProblems: 50,
});

/** Fills the limits the caller did not set with DEFAULT_LIMITS. */
export function resolveLimits(partial: Partial<Limits> = {}): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const value = partial[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) out[key] = value;
  }
  return out;
}

/** "256 KiB", "1 MiB", "300 B": sizes for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
