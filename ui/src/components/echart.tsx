/**
 * An Apache ECharts chart, drawn as SVG (sharp on screen and in print), with ECharts' own aria description in the
 * interface's language. Only the assessment view imports it, and that view is loaded on demand (app.tsx), so the other
 * pages do not download ECharts.
 */
import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useI18n } from '../i18n';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, AriaComponent, SVGRenderer]);

export type ChartOption = EChartsCoreOption;

/**
 * The page's font (styles.css), named: ECharts measures its labels with it, and 'inherit' would be measured as the
 * default font, so labels and legend items would overlap or be cut.
 */
const chartFont = "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

/** The colours of the interface (styles.css), so the charts read like the rest of the page. */
export const chartTones = { ok: '#1e7b3a', warn: '#b26a00', late: '#b3261e', info: '#0b57d0', dark: '#6d0f0a', grey: '#9aa1ad' } as const;

/**
 * One chart. `label` names it for assistive technology (role="img") until ECharts replaces that name with its
 * description of the chart and its data (aria.enabled), which begins with `label`. `onSelect` receives the category of
 * a clicked bar.
 */
export function EChart({ option, height, label, testId, onSelect }: { option: ChartOption; height: number; label: string; testId?: string; onSelect?: (category: string) => void }) {
  const { lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  // A new chart per language: ECharts' locale (its aria sentences, tooltips) is fixed when a chart is made.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'svg', locale: lang === 'zh' ? 'ZH' : 'EN' });
    chartRef.current = chart;
    chart.on('click', (params) => {
      if (typeof params.name === 'string') selectRef.current?.(params.name);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [lang]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    // The hidden title names the chart in ECharts' own description (这是一个关于“各部门按时办结率”的图表…).
    chart.setOption(
      { animation: false, textStyle: { fontFamily: chartFont, fontSize: 13 }, ...option, title: { text: label, show: false }, aria: { enabled: true, label: { enabled: true } } },
      true,
    );
  }, [option, label, lang]);

  return <div ref={ref} className="echart" role="img" aria-label={label} data-testid={testId} style={{ height }} />;
}
