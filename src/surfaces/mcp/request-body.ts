/** A JSON-RPC error as the Streamable HTTP transport answers it, for requests refused before it. */
export function rpcError(status: number, message: string, code = -32000): Response {
  return Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status });
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; response: Response };

/** Reads a JSON body without holding more than maxBytes of it, however the client sends it. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<ParsedBody> {
  const tooLarge = { ok: false as const, response: rpcError(413, `request body is over ${maxBytes} bytes`) };
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return tooLarge;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) return tooLarge;
    chunks.push(chunk);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, response: rpcError(400, 'Parse error: the body is not JSON', -32700) };
  }
}

/** The JSON-RPC ids of the tool calls in a body (one message or a batch). */
export function toolCallIds(body: unknown): (string | number)[] {
  const messages: unknown[] = Array.isArray(body) ? body : [body];
  return messages.flatMap((m) => {
    if (typeof m !== 'object' || m === null) return [];
    const { method, id } = m as { method?: unknown; id?: unknown };
    return method === 'tools/call' && (typeof id === 'string' || typeof id === 'number') ? [id] : [];
  });
}
