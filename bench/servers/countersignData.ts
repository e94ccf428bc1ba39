// The bench's side of countersignStore.ts: asks that process (the app's yjs, the server's store
// code) to prepare or read a Countersign data folder, and waits for its answer.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './spawn';
import type { StoreAnswer, StoreRequest } from './countersignStoreProtocol';
import { readUpdates } from './updateFile';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'countersignStore.ts');

/** Runs one request in a fresh `node --import tsx` process and returns its answer. */
export async function askStore<R extends StoreRequest>(request: Omit<R, 'answer'>, workDir: string): Promise<Extract<StoreAnswer, { op: R['op'] }>> {
  fs.mkdirSync(workDir, { recursive: true });
  const answer = path.join(workDir, `${request.op}-answer.json`);
  const requestFile = path.join(workDir, `${request.op}-request.json`);
  fs.rmSync(answer, { force: true });
  fs.writeFileSync(requestFile, JSON.stringify({ ...request, answer }));
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', SCRIPT, requestFile],
      // The server's store logs JSON lines; keep them only to explain a failure.
      { cwd: ROOT, env: { ...process.env, COUNTERSIGN_LOG: 'warn' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`countersignStore.ts ${request.op} failed: ${error.message}\n${stderr.slice(-2000)}${stdout.slice(-1000)}`));
        else resolve();
      },
    );
  });
  const parsed = JSON.parse(fs.readFileSync(answer, 'utf8')) as StoreAnswer;
  if (parsed.op !== request.op) throw new Error(`countersignStore.ts answered ${parsed.op} to ${request.op}`);
  return parsed as Extract<StoreAnswer, { op: R['op'] }>;
}

/** The stored updates of sections (as the store loads them) and what each takes, read once the server is stopped. */
export async function readStored(dataDir: string, sectionIds: string[]): Promise<{ updates: Map<string, Uint8Array[]>; bytes: Extract<StoreAnswer, { op: 'read' }>['bytes'] }> {
  const answer = await askStore<Extract<StoreRequest, { op: 'read' }>>({ op: 'read', dataDir, sectionIds }, path.join(dataDir, '..', `${path.basename(dataDir)}-reads`));
  const updates = new Map<string, Uint8Array[]>();
  for (const sectionId of sectionIds) {
    updates.set(sectionId, readUpdates(answer.files[sectionId]!));
    fs.rmSync(answer.files[sectionId]!, { force: true });
  }
  return { updates, bytes: answer.bytes };
}
