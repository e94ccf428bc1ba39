// probe.ts in plain JavaScript, for servers run without tsx (see probe.ts).
if (process.send) {
  process.on('message', (message) => {
    if (typeof message !== 'object' || message === null || message.type !== 'bench.memory') return;
    if (message.gc && typeof globalThis.gc === 'function') globalThis.gc();
    process.send?.({ type: 'bench.memory', id: message.id, usage: process.memoryUsage() });
  });
  process.channel?.unref();
}
