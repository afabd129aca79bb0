/**
 * Types for the two Starlight virtual modules the Search override imports. Starlight 0.42 ships
 * its virtual modules without type declarations (they are internal), so this file states the parts
 * of their shape the override relies on, as @astrojs/starlight 0.42.4 generates them in
 * dist/integrations/vite-virtual-modules.js. Re-check them when upgrading Starlight.
 */
declare module 'virtual:starlight/project-context' {
  const project: {
    build: { format: 'file' | 'directory' | 'preserve' };
    root: string;
    srcDir: string;
    trailingSlash: 'always' | 'never' | 'ignore';
  };
  export default project;
}

declare module 'virtual:starlight/pagefind-config' {
  /** Starlight's `pagefind` option, passed on to PagefindUI. */
  export const pagefindUserConfig: Record<string, unknown>;
}
