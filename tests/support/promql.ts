import { parser } from '@prometheus-io/lezer-promql';

/** The parts of a Grafana dashboard JSON the tests read. */
export interface Dashboard {
  schemaVersion: number;
  title: string;
  uid: string;
  templating: { list: Array<{ name: string; type: string; query?: unknown; definition?: string }> };
  panels: Array<{ id: number; type: string; title: string; datasource?: unknown; targets?: Array<{ expr: string; refId: string }> }>;
}

/** Every PromQL expression of a dashboard: panel targets and query variables (`label_values(selector, label)`). */
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

/** Thrown when an expression is not PromQL (after Grafana's range variables are given a duration). */
export class PromqlSyntaxError extends Error {
  constructor(
    readonly expr: string,
    readonly at: number,
  ) {
    super(`not PromQL at ${at}: ${expr.slice(0, at)}⟨here⟩${expr.slice(at)}`);
  }
}

/**
 * The metric names an expression selects, read from its syntax tree by Prometheus' own grammar
 * (`@prometheus-io/lezer-promql`, the parser of the Prometheus UI). Grafana's variables in a range (`[$__rate_interval]`,
 * `[$window]`) become a duration first; those in label values are strings already.
 * @throws PromqlSyntaxError when it does not parse.
 */
export function metricNamesOf(expr: string): string[] {
  const promql = expr.replace(/\[\$\{?\w+(?::\w+)?\}?\]/g, '[5m]');
  const names = new Set<string>();
  let error: number | undefined;
  parser.parse(promql).iterate({
    enter(node) {
      if (node.type.isError && error === undefined) error = node.from;
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.add(promql.slice(node.from, node.to));
    },
  });
  if (error !== undefined) throw new PromqlSyntaxError(promql, error);
  return [...names];
}
