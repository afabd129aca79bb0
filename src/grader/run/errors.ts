/** Turning thrown values into text for a report: the message, never a stack trace. */

/** The error's message (or the value as text), without a stack. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** Bugs in grader code: retrying them would only hide them behind a timeout. */
export function isProgrammingError(err: unknown): boolean {
  return err instanceof TypeError || err instanceof ReferenceError || err instanceof SyntaxError || err instanceof RangeError;
}

/** Milliseconds as seconds for messages: whole seconds from 10 s up, else one decimal ("0.5"). */
export function seconds(ms: number): string {
  return ms >= 10_000 ? String(Math.round(ms / 1000)) : String(Math.round(ms / 100) / 10);
}
