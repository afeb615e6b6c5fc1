import { useEffect, useId, useRef, useState, type RefObject } from 'react';

export interface Bar {
  label: string;
  value: number | null;
  /** Shown at the end of the bar; defaults to the value. */
  text?: string;
  tone?: 'ok' | 'warn' | 'late' | 'info' | 'dark';
}

const tones = { ok: '#1e7b3a', warn: '#b26a00', late: '#b3261e', info: '#0b57d0', dark: '#6d0f0a' };

/** The width the chart has on screen, so one SVG unit is one pixel and the text keeps its size on any device. */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(480);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(260, Math.floor(el.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** Horizontal bars, one per row: long labels (department names) read well and it fits a tablet. */
export function HBarChart({ title, bars, max, unit = '' }: { title: string; bars: Bar[]; max: number; unit?: string }) {
  const id = useId();
  const [ref, width] = useWidth();
  const rowH = 30;
  const longest = Math.max(...bars.map((b) => b.label.length), 2);
  const labelW = Math.min(Math.round(width * 0.45), longest * 14 + 12);
  const valueW = 52;
  const barW = Math.max(40, width - labelW - valueW);
  const height = bars.length * rowH + 6;
  const maxChars = Math.floor((labelW - 12) / 13);
  return (
    <div ref={ref} className="chart-box">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t`}>
        <title id={`${id}-t`}>{title}</title>
        {bars.map((b, i) => {
          const y = i * rowH + 3;
          const w = b.value === null || max <= 0 ? 0 : Math.max(2, (b.value / max) * barW);
          const text = b.label.length > maxChars ? `${b.label.slice(0, Math.max(1, maxChars - 1))}…` : b.label;
          return (
            <g key={b.label + i}>
              <text x={labelW - 8} y={y + 19} textAnchor="end">
                <title>{b.label}</title>
                {text}
              </text>
              <rect x={labelW} y={y + 5} width={barW} height={rowH - 10} fill="#eef0f3" rx="3" />
              <rect x={labelW} y={y + 5} width={w} height={rowH - 10} fill={tones[b.tone ?? 'info']} rx="3" />
              <text x={labelW + barW + 6} y={y + 19} fontWeight="600">
                {b.text ?? (b.value === null ? '—' : `${b.value}${unit}`)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** Vertical bars over time (weeks), with the value above each bar. */
export function ColumnChart({ title, bars }: { title: string; bars: Bar[] }) {
  const id = useId();
  const [ref, width] = useWidth();
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const left = 8;
  const colW = (width - left * 2) / Math.max(1, bars.length);
  const chartH = 150;
  const every = Math.ceil(bars.length / Math.max(1, Math.floor(width / 48)));
  return (
    <div ref={ref} className="chart-box">
      <svg width={width} height={chartH + 48} viewBox={`0 0 ${width} ${chartH + 48}`} role="img" aria-labelledby={`${id}-t`}>
        <title id={`${id}-t`}>{title}</title>
        <line x1={left} x2={width - left} y1={chartH + 20} y2={chartH + 20} stroke="#9aa1ad" />
        {bars.map((b, i) => {
          const h = ((b.value ?? 0) / max) * chartH;
          const x = left + i * colW + colW * 0.15;
          const w = colW * 0.7;
          return (
            <g key={b.label + i}>
              <rect x={x} y={chartH + 20 - h} width={w} height={h} fill={tones[b.tone ?? 'late']} rx="2">
                <title>{`${b.label}: ${b.value ?? 0}`}</title>
              </rect>
              {b.value ? (
                <text x={x + w / 2} y={chartH + 15 - h} textAnchor="middle" fontWeight="600">
                  {b.value}
                </text>
              ) : null}
              {i % every === 0 ? (
                <text x={x + w / 2} y={chartH + 38} textAnchor="middle" className="axis">
                  {b.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
