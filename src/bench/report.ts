/**
 * The bench's result model: sections of metrics, each with its figure, unit, target and a note on
 * how it was measured, plus when and where the bench ran. scripts/bench.ts prints it as a table
 * (table.ts) and writes it as bench/results.json (toResultsJson) so runs can be compared.
 */
import { fill, type Localized } from '../i18n/lang.ts';

export type Unit = 'ms' | 'bytes' | 'count' | 'ratio';

/** A figure's target: it must stay below `max` (same unit as the figure). */
export interface Target {
  max: number;
  /** Where the target comes from (DESIGN.md, the issue, or the bench's own budget). */
  source: Localized;
}

export interface Metric {
  /** Stable id for comparing runs, e.g. "first_error.npm", "static.lesson-3", "js.zh-cn.lesson". */
  id: string;
  label: Localized;
  /** null when it could not be measured (see error). */
  value: number | null;
  unit: Unit;
  target?: Target;
  /** How it was measured and the spread, e.g. "median of 5; min 1.10 s, max 1.41 s". */
  detail?: Localized;
  /** Why it could not be measured. */
  error?: string;
  /**
   * A figure that needs something the machine may lack (the course cluster): when it could not
   * be measured it is "not measured" (status none), not a failure of the bench.
   */
  optional?: boolean;
}

export interface Section {
  id: string;
  title: Localized;
  metrics: Metric[];
}

export interface MachineInfo {
  platform: string;
  arch: string;
  release: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  /** 1-minute load average when the bench started: other work on the machine skews the figures. */
  loadAverage: number;
}

export interface BenchReport {
  timestamp: string;
  node: string;
  machine: MachineInfo;
  sections: Section[];
  /** Method notes printed under the table. */
  notes: Localized[];
  durationMs: number;
}

export type MetricStatus = 'ok' | 'over' | 'none' | 'failed';

const NOT_MEASURED: Localized = { en: 'not measured: {reason}', 'zh-cn': '未测量：{reason}' };

/**
 * A figure this machine cannot measure (no course cluster, no record yet): status none, not a
 * failure of the bench; its detail says why in both languages.
 */
export function notMeasured(id: string, label: Localized, reason: Localized, unit: Unit = 'ms'): Metric {
  const detail = { en: fill(NOT_MEASURED, { reason: reason.en }).en, 'zh-cn': fill(NOT_MEASURED, { reason: reason['zh-cn'] })['zh-cn'] };
  return { id, label, value: null, unit, optional: true, error: reason.en, detail };
}

/** ok / over the target / no target (or an optional figure not measured) / could not be measured. */
export function metricStatus(m: Metric): MetricStatus {
  if (m.value === null || !Number.isFinite(m.value)) return m.optional ? 'none' : 'failed';
  if (!m.target) return 'none';
  return m.value < m.target.max ? 'ok' : 'over';
}

/** bench/results.json: the report with every metric's status, labels in both languages. */
export function toResultsJson(report: BenchReport): Record<string, unknown> {
  return {
    schema_version: 1,
    timestamp: report.timestamp,
    node: report.node,
    machine: report.machine,
    duration_ms: Math.round(report.durationMs),
    sections: report.sections.map((s) => ({
      id: s.id,
      title: s.title,
      metrics: s.metrics.map((m) => ({
        id: m.id,
        label: m.label,
        value: m.value,
        unit: m.unit,
        target: m.target ? { max: m.target.max, source: m.target.source } : null,
        status: metricStatus(m),
        detail: m.detail ?? null,
        error: m.error ?? null,
      })),
    })),
    notes: report.notes,
  };
}

/** Every metric of the report, in order. */
export function allMetrics(report: Pick<BenchReport, 'sections'>): Metric[] {
  return report.sections.flatMap((s) => s.metrics);
}
