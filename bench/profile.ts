// Summarises a V8 .cpuprofile (node --cpu-prof): where the server spent its samples, by
// function (self time) and by package or server file.
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** The part of the process's life summarised (ms since start), when a window was marked. */
  window: { fromMs: number; toMs: number } | null;
  topFunctions: Array<{ name: string; where: string; selfMs: number; share: number }>;
  byOwner: Array<{ owner: string; selfMs: number; share: number }>;
}

/** Who a script belongs to: a package in node_modules, a Countersign file, node itself, or V8. */
function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node (core)';
  const own = /\/(server|shared)\/(.+)$/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  return path.basename(url);
}

const sourceMaps = new Map<string, SourceMap | null>();

/**
 * Where a frame of a bundled script (Countersign's dist-server/index.js, with its .map beside
 * it) comes from in the sources, so the summary names server files; other frames as they are.
 */
function originalFrame(url: string, lineNumber: number, columnNumber: number): { url: string; lineNumber: number } {
  if (!url.startsWith('file://')) return { url, lineNumber };
  const script = fileURLToPath(url);
  if (!sourceMaps.has(script)) {
    const mapFile = `${script}.map`;
    sourceMaps.set(script, fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : null);
  }
  const entry = sourceMaps.get(script)?.findEntry(lineNumber, columnNumber);
  if (!entry || !('originalSource' in entry) || !entry.originalSource) return { url, lineNumber };
  const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(script), entry.originalSource);
  return { url: pathToFileURL(source).href, lineNumber: entry.originalLine };
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const window = readWindow(file);
  // Hits per node: within the measured window when there is one, else the node's hitCount.
  const hits = new Map<number, number>();
  let windowMs = (profile.endTime - profile.startTime) / 1000;
  if (window && profile.samples && profile.timeDeltas) {
    let time = profile.startTime;
    const from = profile.startTime + window.fromMs * 1000;
    const to = profile.startTime + window.toMs * 1000;
    profile.samples.forEach((nodeId, index) => {
      time += profile.timeDeltas![index] ?? 0;
      if (time >= from && time <= to) hits.set(nodeId, (hits.get(nodeId) ?? 0) + 1);
    });
    windowMs = window.toMs - window.fromMs;
  } else {
    for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  }
  const totalHits = [...hits.values()].reduce((sum, value) => sum + value, 0) || 1;
  const msPerHit = windowMs / totalHits;
  const functions = new Map<string, { name: string; where: string; hits: number }>();
  const owners = new Map<string, number>();
  for (const node of profile.nodes) {
    const nodeHits = hits.get(node.id) ?? 0;
    if (nodeHits === 0) continue;
    const { functionName } = node.callFrame;
    const { url, lineNumber } = originalFrame(node.callFrame.url, node.callFrame.lineNumber, node.callFrame.columnNumber);
    const name = functionName || '(anonymous)';
    const where = url ? `${url.replace(/^file:\/\/.*?\/(node_modules|server|shared|bench)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = functions.get(key) ?? { name, where, hits: 0 };
    entry.hits += nodeHits;
    functions.set(key, entry);
    const owner = ownerOf(url, name);
    owners.set(owner, (owners.get(owner) ?? 0) + nodeHits);
  }
  return {
    file,
    totalMs: windowMs,
    window,
    topFunctions: [...functions.values()]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, top)
      .map((entry) => ({ name: entry.name, where: entry.where, selfMs: entry.hits * msPerHit, share: entry.hits / totalHits })),
    byOwner: [...owners.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([owner, ownerHits]) => ({ owner, selfMs: ownerHits * msPerHit, share: ownerHits / totalHits })),
  };
}

/** The measured window of the process that wrote a profile (CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile). */
function readWindow(file: string): { fromMs: number; toMs: number } | null {
  const pid = path.basename(file).split('.')[3];
  const windowFile = path.join(path.dirname(file), `window-${pid}.json`);
  if (!fs.existsSync(windowFile)) return null;
  const window = JSON.parse(fs.readFileSync(windowFile, 'utf8')) as { fromMs?: number; toMs?: number };
  return window.fromMs !== undefined && window.toMs !== undefined ? { fromMs: window.fromMs, toMs: window.toMs } : null;
}

/** Every .cpuprofile under a folder. */
export function findProfiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findProfiles(full));
    // The main thread's profile only (thread 0).
    else if (entry.name.endsWith('.cpuprofile') && entry.name.split('.')[4] === '0') found.push(full);
  }
  return found.sort();
}

/** A profile summary as Markdown lines. */
export function profileMarkdown(summary: ProfileSummary, label: string): string[] {
  const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
  const lines = [
    `**${label}** (\`${path.relative(process.cwd(), summary.file)}\`; ${summary.window ? `the measured phase only, ${(summary.totalMs / 1000).toFixed(1)} s` : `whole process, ${(summary.totalMs / 1000).toFixed(1)} s`}, idle included)`,
    '',
    '| self time | share | by package / file |',
    '| ---: | ---: | --- |',
    ...summary.byOwner.map((entry) => `| ${entry.selfMs.toFixed(0)} ms | ${pct(entry.share)} | ${entry.owner} |`),
    '',
    '| self time | share | function | where |',
    '| ---: | ---: | --- | --- |',
    ...summary.topFunctions.map((entry) => `| ${entry.selfMs.toFixed(0)} ms | ${pct(entry.share)} | \`${entry.name}\` | ${entry.where} |`),
    '',
  ];
  return lines;
}
