import type { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';

/**
 * Requests Node refuses before the app sees them (a request line or headers over the size limit,
 * malformed HTTP) still get the hub's JSON error shape instead of a bare status line.
 */
export function answerClientErrors(server: EventEmitter): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      success: false,
      error: tooLarge ? 'request line and headers are too large (at most 16 KiB): send long values in a JSON body' : 'malformed HTTP request',
      code: tooLarge ? 'too_large' : 'invalid_input',
    });
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    // A HEAD answer carries no body: a client would read it as the start of a next response.
    const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
    socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${head ? '' : body}`);
  });
}

/**
 * Requests the HTTP adapter cannot turn into a Request (a backslash in the path, a bad Host header)
 * get the JSON error shape too, instead of an empty 400.
 */
export function answerUnreadableRequest(error: unknown): Response {
  const malformed = error instanceof Error && error.name === 'RequestError';
  const body = malformed
    ? { success: false, error: `malformed HTTP request: ${error.message}`, code: 'invalid_input' }
    : { success: false, error: 'internal error', code: 'internal' };
  return Response.json(body, { status: malformed ? 400 : 500 });
}
