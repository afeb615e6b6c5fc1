/** The parts of a Grafana dashboard JSON the tests read. */
export interface Dashboard {
  schemaVersion: number;
  title: string;
  uid: string;
  templating: { list: Array<{ name: string; type: string; query?: unknown; definition?: string }> };
  panels: Array<{ id: number; type: string; title: string; datasource?: unknown; targets?: Array<{ expr: string; refId: string }> }>;
}

/** Every PromQL expression of a dashboard: panel targets and query variables (`label_values(metric, label)`). */
export function dashboardQueries(dashboard: Dashboard): Array<{ where: string; expr: string }> {
  const out: Array<{ where: string; expr: string }> = [];
  for (const panel of dashboard.panels) for (const t of panel.targets ?? []) out.push({ where: `${panel.title} / ${t.refId}`, expr: t.expr });
  for (const v of dashboard.templating.list) {
    if (v.type !== 'query') continue;
    const q = typeof v.query === 'string' ? v.query : String((v.query as { query?: string } | undefined)?.query ?? '');
    const m = /^label_values\((.*),\s*[a-zA-Z_]\w*\)$/.exec(q.trim());
    out.push({ where: `variable ${v.name}`, expr: m ? m[1]! : q });
  }
  return out;
}

const keywords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);

/**
 * The metric names a PromQL expression selects: identifiers that are not functions, aggregations, keywords, label
 * names (inside braces or the grouping clauses), durations, numbers or Grafana variables.
 */
export function metricNamesOf(expr: string): string[] {
  let s = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\boffset\s+-?(\d+(ms|[smhdwy]))+/g, ' ')
    .replace(/\$\{?\w+(:\w+)?\}?/g, ' ');
  s = s.replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/gi, ' ');
  const names = new Set<string>();
  const re = /[a-zA-Z_:][a-zA-Z0-9_:]*/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const rest = s.slice(m.index + m[0].length);
    if (/^\s*\(/.test(rest)) continue;
    if (keywords.has(m[0].toLowerCase())) continue;
    names.add(m[0]);
  }
  return [...names];
}
