import { createInterface } from 'node:readline';
import { CalendarError, nationalCalendar, type DeadlineQuery, type PeriodUnit } from './index.js';

const USAGE = `Usage:
  calendar deadline <start> <n> [--unit working-days|days] [--jurisdiction <id>]
  calendar deadline --stdin [--unit ...] [--jurisdiction ...]   one JSON query per line: {"start","n","unit","jurisdiction"}
  calendar month <YYYY-MM> [--jurisdiction <id>]
  calendar status <YYYY-MM-DD> [--jurisdiction <id>]
  calendar years

<start> is YYYY-MM-DD (Asia/Shanghai) or an ISO instant with offset, e.g. 2025-09-28T10:00:00+08:00.
Prints JSON. Exit codes: 0 ok, 1 calendar error (printed as {"error":...}), 2 bad usage.`;

class UsageError extends Error {}

interface Args {
  positionals: string[];
  unit?: PeriodUnit;
  jurisdiction?: string;
  stdin: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { positionals: [], stdin: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') ? (a.split(/=(.*)/s, 2) as [string, string | undefined]) : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') out.help = true;
    else if (flag === '--stdin') out.stdin = true;
    else if (flag === '--unit') {
      const u = value();
      if (u !== 'days' && u !== 'working-days') throw new UsageError(`--unit must be working-days or days, got ${u}`);
      out.unit = u;
    } else if (flag === '--jurisdiction') out.jurisdiction = value();
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${flag}`);
    else out.positionals.push(a);
  }
  return out;
}

function errorJson(e: unknown): { error: Record<string, unknown> } {
  if (e instanceof CalendarError) {
    const { name, code, message } = e;
    const extra = Object.fromEntries(
      Object.entries(e).filter(([k]) => ['field', 'value', 'jurisdiction', 'issues'].includes(k)),
    );
    return { error: { name, code, message, ...extra } };
  }
  if (e instanceof SyntaxError) return { error: { name: 'SyntaxError', code: 'INVALID_JSON', message: e.message } };
  return { error: { name: 'Error', code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
}

function print(x: unknown): void {
  process.stdout.write(`${JSON.stringify(x)}\n`);
}

async function deadlineStdin(args: Args): Promise<number> {
  let failures = 0;
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    try {
      const q = JSON.parse(line) as Partial<DeadlineQuery>;
      if (typeof q !== 'object' || q === null) throw new SyntaxError('each line must be a JSON object');
      const query: DeadlineQuery = { start: q.start as string, n: q.n as number };
      const unit = q.unit ?? args.unit;
      const jurisdiction = q.jurisdiction ?? args.jurisdiction;
      if (unit !== undefined) query.unit = unit;
      if (jurisdiction !== undefined) query.jurisdiction = jurisdiction;
      print(nationalCalendar.deadline(query));
    } catch (e) {
      failures++;
      print(errorJson(e));
    }
  }
  return failures > 0 ? 1 : 0;
}

function parseN(s: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new UsageError(`<n> must be a number, got ${s}`);
  return Number(s);
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const [cmd, ...rest] = args.positionals;
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const j = args.jurisdiction;
  switch (cmd) {
    case 'deadline': {
      if (args.stdin) {
        if (rest.length > 0) throw new UsageError('deadline --stdin takes no positional arguments');
        return deadlineStdin(args);
      }
      if (rest.length !== 2) throw new UsageError('deadline needs <start> and <n>');
      const query: DeadlineQuery = { start: rest[0]!, n: parseN(rest[1]!) };
      if (args.unit) query.unit = args.unit;
      if (j) query.jurisdiction = j;
      print(nationalCalendar.deadline(query));
      return 0;
    }
    case 'month': {
      if (rest.length !== 1 || args.stdin || args.unit) throw new UsageError('month needs exactly <YYYY-MM>');
      print({ month: rest[0], jurisdiction: j ?? 'national', days: nationalCalendar.month(rest[0]!, j) });
      return 0;
    }
    case 'status': {
      if (rest.length !== 1 || args.stdin || args.unit) throw new UsageError('status needs exactly <YYYY-MM-DD>');
      print(nationalCalendar.dayStatus(rest[0]!, j));
      return 0;
    }
    case 'years': {
      if (rest.length !== 0) throw new UsageError('years takes no arguments');
      print(nationalCalendar.years().map((y) => ({ year: y.year, notice: y.notice, amendments: y.amendments?.map((a) => a.notice) ?? [] })));
      return 0;
    }
    default:
      throw new UsageError(cmd === undefined ? 'missing command' : `unknown command ${cmd}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    print(errorJson(e));
    process.exitCode = 1;
  },
);
