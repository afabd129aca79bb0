/** Durations as people read them: "850 ms", "12 s", "5 min 38 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(s % 60).padStart(2, '0')} s`;
}

/** The last non-empty line of a log text, shortened to width characters. */
export function lastLine(text: string, width = 100): string {
  const line = text.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/** The last n non-empty lines of a log text. */
export function tail(text: string, n: number): string[] {
  return text.split('\n').filter((l) => l.trim()).slice(-n);
}
