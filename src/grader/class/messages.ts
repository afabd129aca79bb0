/**
 * Every string the class run prints (progress line, class table, per-student errors), in both
 * languages. The CSV header is not here: it is English on purpose, a stable machine header.
 */
import type { Localized } from '../../i18n/lang.ts';

export const classMsg = {
  header: { en: 'Class {lesson} · {title} · {count} submissions · {jobs} at a time', 'zh-cn': '全班 {lesson} · {title} · 共 {count} 份提交 · 同时评 {jobs} 份' },
  progress: {
    en: 'graded {done}/{count} · running {running} · {failed} failed · {errors} could not be graded',
    'zh-cn': '已评 {done}/{count} · 进行中 {running} · 未通过 {failed} · 无法评分 {errors}',
  },
  finished: { en: '{student}: {status} {score}/{max} ({time})', 'zh-cn': '{student}：{status} {score}/{max}（{time}）' },
  colStudent: { en: 'Student', 'zh-cn': '学生' },
  colScore: { en: 'Score', 'zh-cn': '得分' },
  colStatus: { en: 'Result', 'zh-cn': '结果' },
  colFailed: { en: 'Failed checks', 'zh-cn': '未通过的检查' },
  colTime: { en: 'Time', 'zh-cn': '耗时' },
  statusPass: { en: 'passed', 'zh-cn': '通过' },
  statusFail: { en: 'failed', 'zh-cn': '未通过' },
  statusError: { en: 'could not be graded', 'zh-cn': '无法评分' },
  statusInterrupted: { en: 'not graded (interrupted)', 'zh-cn': '未评分（已中断）' },
  summary: {
    en: '{count} submissions: {passed} passed, {failed} failed, {errors} could not be graded, {interrupted} not graded. Average score {average}/{max}. Took {time} with {jobs} at a time.',
    'zh-cn': '共 {count} 份提交：{passed} 份通过，{failed} 份未通过，{errors} 份无法评分，{interrupted} 份未评分。平均分 {average}/{max}。同时评 {jobs} 份，用时 {time}。',
  },
  written: { en: 'Class summary: {csv}; one report folder per student in {dir}', 'zh-cn': '全班汇总：{csv}；每位学生的报告在 {dir} 下各自的文件夹中' },
  whyError: { en: '{student}: {reason}', 'zh-cn': '{student}：{reason}' },
  crashed: {
    en: 'The grader failed on this submission (not the student’s fault): {reason}',
    'zh-cn': '评分程序在这份提交上出错（不是学生的问题）：{reason}',
  },
} satisfies Record<string, Localized>;
