/**
 * The GitHub Actions the classroom workflow uses, each pinned to a full release version or a commit
 * SHA (never a moving major tag like @v4), and the check that a pin is one of those two forms.
 * An instructor can replace a pin with `--pin owner/repo@ref` (kept in .classroom/assignment.json,
 * so the integrity check renders the same workflow).
 */

/** The actions the workflow uses, by the name the generator refers to them. */
export const ACTIONS = {
  checkout: 'actions/checkout',
  setupNode: 'actions/setup-node',
  kind: 'helm/kind-action',
  junit: 'mikepenz/action-junit-report',
  reporter: 'classroom-resources/autograding-grading-reporter',
} as const;

export type ActionKey = keyof typeof ACTIONS;

/** One pin: the ref and, for a SHA, the release it corresponds to (written as a comment). */
export interface Pin {
  ref: string;
  note?: string;
}

/**
 * Default pins. The reporter publishes only a moving `v1` tag (its release job force-moves it), so
 * it is pinned by the commit of a v1 release build whose dist/main.js emits the two Classroom
 * notices ("Autograding complete" / "Autograding report"); check it against
 * `git ls-remote https://github.com/classroom-resources/autograding-grading-reporter v1` and
 * override with --pin when a newer v1 is out.
 */
export const DEFAULT_PINS: Record<ActionKey, Pin> = {
  checkout: { ref: 'v5.0.0' },
  setupNode: { ref: 'v5.0.0' },
  kind: { ref: 'v1.14.0' },
  junit: { ref: 'v6.4.2' },
  reporter: { ref: 'd13b5912daf5042ac1b71bc38bdb4a6bcd61d8ca', note: 'v1 release build (Classroom notices)' },
};

/** True for a full version (v1.2.3, 1.2.3) or a full 40-hex commit SHA. */
export function isPinnedRef(ref: string): boolean {
  return /^v?\d+\.\d+\.\d+$/.test(ref) || /^[0-9a-f]{40}$/.test(ref);
}

/** Parses "owner/repo@ref" into the action it overrides, or says why it cannot (bad form, unknown action, not pinned). */
export function parsePinOverride(text: string): { key: ActionKey; pin: Pin } | { error: 'form' | 'unknown' | 'unpinned' } {
  const m = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)@(\S+)$/.exec(text.trim());
  if (!m) return { error: 'form' };
  const key = (Object.keys(ACTIONS) as ActionKey[]).find((k) => ACTIONS[k].toLowerCase() === m[1]!.toLowerCase());
  if (!key) return { error: 'unknown' };
  if (!isPinnedRef(m[2]!)) return { error: 'unpinned' };
  return { key, pin: { ref: m[2]! } };
}

/** The pins after applying overrides (a map of action name -> ref, as stored in assignment.json). */
export function resolvePins(overrides: Record<string, string> = {}): Record<ActionKey, Pin> {
  const pins = { ...DEFAULT_PINS };
  for (const [name, ref] of Object.entries(overrides)) {
    const key = (Object.keys(ACTIONS) as ActionKey[]).find((k) => ACTIONS[k] === name);
    if (key) pins[key] = { ref };
  }
  return pins;
}

/** The `uses:` value of an action with its pin, plus the comment naming the release for a SHA. */
export function usesLine(key: ActionKey, pins: Record<ActionKey, Pin>): string {
  const pin = pins[key];
  return `${ACTIONS[key]}@${pin.ref}${pin.note ? ` # ${pin.note}` : ''}`;
}
