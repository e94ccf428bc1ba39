// Preloaded (--import) into every server process under test: answers memory questions from the
// benchmark over the IPC channel. It changes nothing else in the server.
interface MemoryRequest {
  type: 'bench.memory';
  id: number;
  gc: boolean;
}

function isMemoryRequest(message: unknown): message is MemoryRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'bench.memory';
}

if (process.send) {
  process.on('message', (message: unknown) => {
    if (!isMemoryRequest(message)) return;
    const gc = (globalThis as { gc?: () => void }).gc;
    if (message.gc && gc) gc();
    process.send?.({ type: 'bench.memory', id: message.id, usage: process.memoryUsage() });
  });
  // The channel must not keep a server alive that wants to exit.
  process.channel?.unref();
}
