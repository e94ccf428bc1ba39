// Entry point: read the configuration, start the server, print the demo logins, stop cleanly.
import { loadConfig } from './config';
import { startServer } from './createServer';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/seedDemo';
import { log, setLogLevel } from './log';

const config = loadConfig();
setLogLevel(config.logLevel);
let server;
try {
  server = await startServer(config);
} catch (error) {
  process.stderr.write(`\nCountersign did not start: ${error instanceof Error ? error.message : String(error)}\n\n`);
  process.exit(1);
}
const running = server;

if (config.demo) {
  const logins = DEMO_USERS.map((user) => `  ${user.email.padEnd(22)} ${user.description}`).join('\n');
  process.stdout.write(
    `\nCountersign is running at ${running.url}\nDemo logins (password "${DEMO_PASSWORD}", for a local trial only):\n${logins}\n\n`,
  );
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info('server.stopping', { signal });
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('server.stop_failed', { error: String(error) });
        process.exit(1);
      },
    );
  });
}
