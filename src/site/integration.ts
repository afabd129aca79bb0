/**
 * Astro integration that keeps the generated Starlight lesson pages in step with lessons/.
 * Runs the sync at config time (dev and build) and re-syncs when a lesson page changes in dev.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { syncLessons, syncOne } from './sync-lessons.ts';

export function lessonPages(): AstroIntegration {
  return {
    name: 'course-lesson-pages',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig, logger }) => {
        const root = fileURLToPath(config.root);
        const written = syncLessons(root);
        logger.info(`synced ${written.length} lesson page(s) from lessons/`);
        if (command === 'dev') {
          updateConfig({
            vite: {
              plugins: [
                {
                  name: 'course-lesson-watch',
                  configureServer(server) {
                    server.watcher.add(`${root}/lessons`);
                    server.watcher.on('change', (path) => {
                      if (syncOne(root, path)) logger.info(`re-synced after change to ${path}`);
                    });
                  },
                },
              ],
            },
          });
        }
      },
    },
  };
}
