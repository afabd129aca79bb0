/** Fresh random tokens for data checks: a pre-baked file can never match one. */
import { randomBytes } from 'node:crypto';

/** Returns a token generator; every token it returns differs from the previous ones. */
export function tokenSource(random: () => string = () => `tok-${randomBytes(6).toString('hex')}`): () => string {
  const seen = new Set<string>();
  return () => {
    const base = random();
    let token = base;
    for (let n = 2; seen.has(token); n++) token = `${base}-${n}`;
    seen.add(token);
    return token;
  };
}
