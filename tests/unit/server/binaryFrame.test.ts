// Frames we build ourselves must read, through a real ws client, as the messages they carry:
// every length encoding (7-bit, 16-bit, 64-bit), mixed with frames ws writes on the same socket.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { binaryFrame } from '../../../server/sync/binaryFrame';
import { waitFor } from '../../helpers/waitFor';

const LENGTHS = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000];

function payload(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

let server: http.Server | null = null;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

describe('binaryFrame', () => {
  it('is read by a ws client as the payload, at every length, in order with ws frames', async () => {
    const wss = new WebSocketServer({ noServer: true });
    server = http.createServer();
    server.on('upgrade', (request, socket: Duplex, head) => {
      wss.handleUpgrade(request, socket, head, (ws) => {
        LENGTHS.forEach((length, index) => {
          socket.write(binaryFrame(payload(length, index)));
          ws.send(payload(3, 100 + index)); // one of ws's own in between
        });
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const received: Uint8Array[] = [];
    client.on('message', (data: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(true);
      received.push(new Uint8Array(data));
    });
    await waitFor(() => expect(received).toHaveLength(LENGTHS.length * 2));
    LENGTHS.forEach((length, index) => {
      expect(received[index * 2]).toEqual(payload(length, index));
      expect(received[index * 2 + 1]).toEqual(payload(3, 100 + index));
    });
    client.close();
    wss.close();
  });
});
