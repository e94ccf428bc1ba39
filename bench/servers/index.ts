// startServerUnderTest(kind): one entry point for every server the benchmark compares.
import { startCountersign } from './countersign';
import { startHocuspocus } from './hocuspocus';
import { startYWebsocket } from './yWebsocket';
import type { ServerKind, ServerSetup, ServerUnderTest } from './types';

export * from './types';

export function startServerUnderTest(kind: ServerKind, setup: ServerSetup): Promise<ServerUnderTest> {
  switch (kind) {
    case 'countersign':
      return startCountersign(setup);
    case 'y-websocket':
      return startYWebsocket(setup);
    case 'hocuspocus':
      return startHocuspocus(setup);
    default: {
      const exhaustive: never = kind;
      throw new Error(`unknown server kind ${String(exhaustive)}`);
    }
  }
}
