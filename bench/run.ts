// npm run bench [-- --quick] [--only fanout,presence] [--servers countersign,hocuspocus] [--profile] [--no-append]
//
// Starts each server under test on loopback, drives it with headless Yjs clients over real
// websockets, prints a table per scenario and appends the results to bench/RESULTS.md.
// First: it must watch for a second copy of yjs before any module loads one.
import { checkNoSecondYjs, checkSingleCopies } from './singleCopies';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findProfiles, profileMarkdown, summarizeProfile } from './profile';
import type { GoalCheck, Scenario, ScenarioResult, Table } from './scenarios/common';
import { browserScenario } from './scenarios/browser';
import { coldOpen } from './scenarios/coldopen';
import { fanout } from './scenarios/fanout';
import { fastReplay } from './scenarios/fastreplay';
import { history } from './scenarios/history';
import { manyDocuments } from './scenarios/manydocs';
import { presence } from './scenarios/presence';
import { throughput } from './scenarios/throughput';
import { typing } from './scenarios/typing';
import { startNodeOptions } from './servers/compile';
import { removeDataDirs } from './servers/tmp';
import { DEFAULT_KINDS, SERVER_KINDS, type ServerKind } from './servers/types';

const here = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(here, 'RESULTS.md');
const SCENARIOS: Scenario[] = [fanout, presence, typing, coldOpen, manyDocuments, throughput, fastReplay, browserScenario, history];

interface Arguments {
  quick: boolean;
  only: string[] | null;
  kinds: ServerKind[];
  profile: boolean;
  append: boolean;
}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = { quick: false, only: null, kinds: [...DEFAULT_KINDS], profile: false, append: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const inline = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!inline) throw new Error(`${arg} needs a value`);
      return inline;
    };
    if (arg === '--quick') args.quick = true;
    else if (arg === '--profile') args.profile = true;
    else if (arg === '--no-append') args.append = false;
    else if (arg.startsWith('--only')) args.only = value().split(',');
    else if (arg.startsWith('--servers')) {
      const kinds = value().split(',');
      for (const kind of kinds) {
        if (!(SERVER_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown server ${kind}; one of ${SERVER_KINDS.join(', ')}`);
      }
      args.kinds = kinds as ServerKind[];
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        `Usage: npm run bench -- [--quick] [--only ${SCENARIOS.map((s) => s.id).join(',')}] [--servers ${SERVER_KINDS.join(',')}] [--profile] [--no-append]\n`,
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (args.only) {
    for (const id of args.only) if (!SCENARIOS.some((s) => s.id === id)) throw new Error(`unknown scenario ${id}`);
  }
  return args;
}

function commandLine(argv: readonly string[]): string {
  const rest = argv.length > 0 ? ` -- ${argv.join(' ')}` : '';
  return process.env.npm_lifecycle_event === 'bench' ? `npm run bench${rest}` : `node --import tsx bench/run.ts ${argv.join(' ')}`.trim();
}

function runLabel(args: Arguments): string {
  const parts = [`${args.quick ? 'quick' : 'full'} run`];
  if (args.only) parts.push(`of ${args.only.join(', ')}`);
  if (args.kinds.join() !== DEFAULT_KINDS.join()) parts.push(`on ${args.kinds.join(', ')}`);
  if (args.profile) parts.push('with a CPU profile of Countersign');
  return parts.join(' ');
}

function machine(): string {
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpuModel}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB memory, Node ${process.version}, ${os.type()} ${os.release()}`;
}

function markdownTable(table: Table): string[] {
  const lines = [`#### ${table.title}`, '', `| ${table.columns.join(' | ')} |`, `| ${table.columns.map(() => '---').join(' | ')} |`];
  for (const row of table.rows) lines.push(`| ${row.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`);
  if (table.notes.length > 0) lines.push('', ...table.notes.map((note) => `- ${note}`));
  lines.push('');
  return lines;
}

function textTable(table: Table): string {
  const widths = table.columns.map((column, i) => Math.max(column.length, ...table.rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  const out = [table.title, line(table.columns), line(widths.map((w) => '-'.repeat(w))), ...table.rows.map(line)];
  if (table.notes.length > 0) out.push(...table.notes.map((note) => `  * ${note}`));
  return out.join('\n') + '\n';
}

function goalLine(goal: GoalCheck): string {
  const verdict = goal.met === null ? 'not measured' : goal.met ? 'MET' : 'NOT MET';
  return `${verdict}: ${goal.goal}: ${goal.detail}`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArguments(argv);
  const started = new Date();
  const log = (message: string): void => {
    process.stderr.write(`[${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
  };
  const profileDir = args.profile ? path.join(here, 'profiles', started.toISOString().replace(/[:.]/g, '-')) : null;
  const chosen = SCENARIOS.filter((scenario) => !args.only || args.only.includes(scenario.id));
  const copies = checkSingleCopies();
  log(`yjs, lib0, y-protocols: ${copies}`);
  log(`${args.quick ? 'quick' : 'full'} run: ${chosen.map((s) => s.id).join(', ')} on ${args.kinds.join(', ')}`);

  const markdown: string[] = [
    `## ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${runLabel(args)}`,
    '',
    `- Command: \`${commandLine(argv)}\``,
    `- Machine: ${machine()}. The load generator (every client, one Node process) and the server under test share these cores.`,
    `- Packages: the bench's own (bench/package.json); yjs, lib0, y-protocols: ${copies}.`,
    `- Servers: ${args.kinds.join(', ')}; each started fresh per scenario as a child process, as plain JavaScript (Countersign as \`npm start\` runs it: \`node ${startNodeOptions().join(' ')} dist-server/index.js\`; each peer's launcher compiled with esbuild), on 127.0.0.1.`,
    '',
  ];
  const allGoals: GoalCheck[] = [];
  // Other processes on the machine skew every figure: record the load average as we go.
  let peakLoad = os.loadavg()[0]!;
  const loadAtStart = peakLoad;
  const loadTimer = setInterval(() => {
    peakLoad = Math.max(peakLoad, os.loadavg()[0]!);
  }, 2000);
  loadTimer.unref();
  for (const scenario of chosen) {
    log(`== ${scenario.title}`);
    const scenarioLoadStart = os.loadavg()[0]!;
    peakLoad = scenarioLoadStart;
    let result: ScenarioResult;
    try {
      result = await scenario.run({ quick: args.quick, kinds: args.kinds, profileDir: profileDir ? path.join(profileDir, scenario.id) : null, log });
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`${scenario.id} FAILED: ${message}`);
      result = { tables: [{ title: `${scenario.title}: FAILED`, columns: ['error'], rows: [[message.split('\n')[0]!]], notes: [] }], goals: [], profiles: [] };
    }
    const cores = os.cpus().length;
    const loadNote = `Machine load average (1 min) during this scenario, this run included: ${scenarioLoadStart.toFixed(1)} at start, ${peakLoad.toFixed(1)} at most (${cores} cores${peakLoad > cores + 2 ? '; other processes were competing for the CPU, so these figures are pessimistic and noisy' : ''}).`;
    log(loadNote);
    markdown.push(`### ${scenario.title}`, '', `_${loadNote}_`, '');
    for (const table of result.tables) {
      process.stdout.write('\n' + textTable(table));
      markdown.push(...markdownTable(table));
    }
    for (const goal of result.goals) {
      process.stdout.write(`  GOAL ${goalLine(goal)}\n`);
      markdown.push(`- Goal — ${goalLine(goal)}`);
      allGoals.push(goal);
    }
    if (result.goals.length > 0) markdown.push('');
    if (profileDir) {
      for (const file of findProfiles(path.join(profileDir, scenario.id))) {
        const summary = summarizeProfile(file);
        const lines = profileMarkdown(summary, `CPU profile of the Countersign server, ${path.basename(path.dirname(file))}`);
        process.stdout.write('\n' + lines.join('\n') + '\n');
        markdown.push(...lines);
      }
    }
  }
  checkNoSecondYjs();
  if (allGoals.length > 0) {
    markdown.push('### Goals', '', ...allGoals.map((goal) => `- ${goalLine(goal)}`), '');
    process.stdout.write('\nGoals:\n' + allGoals.map((goal) => `  ${goalLine(goal)}`).join('\n') + '\n');
  }
  clearInterval(loadTimer);
  markdown.splice(4, 0, `- Load average (1 min) when the run started: ${loadAtStart.toFixed(1)} on ${os.cpus().length} cores.`);
  markdown.push(`Run took ${((Date.now() - started.getTime()) / 60_000).toFixed(1)} minutes.`, '', '');
  if (args.append) {
    if (!fs.existsSync(RESULTS)) {
      fs.writeFileSync(RESULTS, '# Benchmark results\n\nAppended by `npm run bench` (see bench/README.md). Newest last.\n\n');
    }
    fs.appendFileSync(RESULTS, markdown.join('\n'));
    log(`appended to ${path.relative(process.cwd(), RESULTS)}`);
  }
}

process.setMaxListeners(0); // every y-websocket provider adds a process 'exit' listener
try {
  await main();
} finally {
  removeDataDirs();
}
// Clients' timers (reconnect back-off, awareness) must not keep the process alive.
process.exit(0);
