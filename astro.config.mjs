// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { satteri } from '@astrojs/markdown-satteri';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lessonPages } from './src/site/integration.ts';
import { listLessonFolders } from './src/site/lessons.ts';
import { headingIdsPlugin } from './src/site/heading-ids.ts';
import { cjkBreaksPlugin } from './src/site/cjk-breaks.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// The sidebar lists every lessons/<NN-slug>/ folder in order: adding a lesson is adding a folder.
// A folder without en.mdx yet (a lesson being started) is left out rather than breaking the build.
const lessonItems = listLessonFolders(root)
  .filter((l) => existsSync(`${root}/lessons/${l.folder}/en.mdx`))
  .map((l) => ({ slug: `lessons/${l.folder}` }));

export default defineConfig({
  site: 'https://k8s-storage-course.example.org',
  // Astro 7 renders .md and .mdx with Sätteri; our two plugins are Sätteri mdast plugins.
  markdown: { processor: satteri({ mdastPlugins: [headingIdsPlugin, cjkBreaksPlugin] }) },
  // Starlight turns on Astro's prefetch of every link (prefetchAll) unless told otherwise. Its
  // script is what made the JS loaded with each page grow under Astro 7 (2.2 -> 2.5 KB, with Vite
  // 8's larger preload helper): without it a page loads less JS than on the old stack. Lesson
  // pages are static and small, so a click without prefetch still answers at once.
  prefetch: false,
  integrations: [
    lessonPages(),
    starlight({
      title: { en: 'Kubernetes Storage Course', 'zh-CN': 'Kubernetes 存储课程' },
      description: 'Learn how Kubernetes keeps (and loses) data, and prove it on a real cluster.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      favicon: '/favicon.svg',
      customCss: ['./src/styles/course.css'],
      // Starlight's Search, but Pagefind's UI loads when search is wanted, not on every page.
      components: { Search: './src/components/overrides/Search.astro' },
      sidebar: [
        { label: 'Start here', translations: { 'zh-CN': '从这里开始' }, items: [{ slug: 'index' }, { slug: 'glossary' }] },
        { label: 'Lessons', translations: { 'zh-CN': '课程' }, items: [...lessonItems, { slug: 'matrix' }] },
        { label: 'For instructors', translations: { 'zh-CN': '教师指南' }, items: [{ slug: 'instructors' }] },
      ],
    }),
  ],
});
