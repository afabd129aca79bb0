/**
 * The parity rule for a page's code: fenced code blocks (language + body), in order, each line
 * without its trailing `# comment`, so both languages have the same code and each its own comments.
 */
export function codeBlocks(mdx: string): string[] {
  return [...mdx.matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```/gm)].map((m) => `${m[1]}\n${withoutComments(m[2])}`);
}

/** A "#" at the start of a line or after a space begins a comment in the shell and YAML blocks the pages have ("#@" marks are code). */
function withoutComments(code: string): string {
  return code
    .split('\n')
    .map((line) => line.replace(/(^|\s)#(?!@).*$/, '').trimEnd())
    .join('\n');
}
