/**
 * `npm run --silent rules -- <command>`: list the packs, show one, or preview a flow's timeline. Prints JSON.
 * Exit codes: 0 ok, 1 rules or calendar error (printed as {"error":...}), 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { CalendarError } from '../calendar/index.js';
import { InvalidPackError, packHash, parsePack, validatePack } from '../packs/data.js';
import { caseHierarchy, getPack, listPacks, packFor, previewTimeline, RulesError, type RulePack } from './index.js';

const USAGE = `Usage:
  rules packs
  rules show --pack <id>
  rules preview (--pack <id> | --jurisdiction <hebei|anhui> | --file <pack.json>) --process <flow> --received <instant>
  rules validate --file <pack.json>

<flow> is unconditional-share, conditional-share, catalogue-change, quality-dispute or negative-list.
<instant> is an ISO instant with offset, e.g. 2025-09-28T10:00:00+08:00 (for catalogue-change: the change).
Without --pack, --jurisdiction binds the pack in force on the receipt date (Asia/Shanghai); the draft is never bound.
The preview lists the texts in force on that date (applicableTexts, highest rank first) and, when one ranking above
the pack's text is not loaded (from 2025-08-01: 政务数据共享条例, State Council Order No. 809), says so in "warning".
validate checks a pack as data (docs/RULES.md, "Packs as data") against rules/packs/data/rule-pack.schema.json and
its cross-references, and prints its version hash; with --file, preview shows the timeline of such a pack before it
is proposed.
Prints JSON (a warning also on stderr). Exit codes: 0 ok, 1 rules error or invalid pack (printed as {"error":...}),
2 bad usage.`;

class UsageError extends Error {}

const OPTIONS = ['pack', 'jurisdiction', 'process', 'received', 'file'] as const;
type Option = (typeof OPTIONS)[number];

interface Args {
  command?: string;
  options: Partial<Record<Option, string>>;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { options: {}, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      out.help = true;
      continue;
    }
    if (a.startsWith('--')) {
      const [flag, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (!(OPTIONS as readonly string[]).includes(flag)) throw new UsageError(`unknown option --${flag}`);
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) {
        throw new UsageError(`--${flag} needs a value`);
      }
      out.options[flag as Option] = v;
    } else if (out.command === undefined) out.command = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  return out;
}

function need(args: Args, o: Option): string {
  const v = args.options[o];
  if (v === undefined) throw new UsageError(`${args.command} needs --${o}`);
  return v;
}

function allowOnly(args: Args, allowed: readonly Option[]): void {
  for (const o of Object.keys(args.options)) {
    if (!allowed.includes(o as Option)) throw new UsageError(`${args.command} does not take --${o}`);
  }
}

function run(args: Args): unknown {
  switch (args.command) {
    case 'packs':
      allowOnly(args, []);
      return { packs: listPacks() };
    case 'show':
      allowOnly(args, ['pack']);
      return getPack(need(args, 'pack'));
    case 'validate': {
      allowOnly(args, ['file']);
      const data = readJson(need(args, 'file'));
      const issues = validatePack(data);
      if (issues.length > 0) throw new InvalidPackError(issues);
      const pack = data as RulePack;
      return { valid: true, id: pack.id, version: pack.version, jurisdiction: pack.jurisdiction, hash: packHash(pack) };
    }
    case 'preview': {
      allowOnly(args, ['pack', 'jurisdiction', 'process', 'received', 'file']);
      const flow = need(args, 'process');
      const receivedAt = need(args, 'received');
      const { pack: packId, jurisdiction, file } = args.options;
      if ([packId, jurisdiction, file].filter((o) => o !== undefined).length !== 1) {
        throw new UsageError('preview needs exactly one of --pack, --jurisdiction and --file');
      }
      const pack: RulePack =
        file !== undefined ? parsePack(readJson(file)) : packId !== undefined ? getPack(packId) : packFor(jurisdiction!, receivedAt);
      // The texts in force there on that date, highest rank first, and the warning when a higher one is not loaded.
      const { applicableTexts, warning } = caseHierarchy(pack.jurisdiction, receivedAt, pack.id);
      return {
        pack: { id: pack.id, version: pack.version, titleZh: pack.titleZh, titleEn: pack.titleEn },
        boundBy: packId !== undefined || file !== undefined ? 'explicit' : 'receipt-date',
        flow,
        receivedAt,
        jurisdiction: pack.jurisdiction,
        warning,
        applicableTexts,
        steps: previewTimeline(pack, flow, receivedAt),
      };
    }
    case undefined:
      throw new UsageError('missing command');
    default:
      throw new UsageError(`unknown command ${args.command}`);
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new UsageError(`--file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function errorJson(e: unknown): { error: Record<string, unknown> } {
  if (e instanceof InvalidPackError) return { error: { name: e.name, code: 'INVALID_PACK', message: e.message, issues: e.issues } };
  if (e instanceof RulesError || e instanceof CalendarError) {
    const { name, code, message, ...data } = e as RulesError & Record<string, unknown>;
    return { error: { name, code, message, ...data } };
  }
  return { error: { name: 'Error', code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
}

function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const result = run(args);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    // Said on the terminal as well, where a reader of the timeline may never scroll to the field.
    const warning = (result as { warning?: { zh: string; en: string } | null }).warning;
    if (warning) process.stderr.write(`rules: ${warning.zh}\nrules: ${warning.en}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`rules: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stdout.write(`${JSON.stringify(errorJson(e))}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
