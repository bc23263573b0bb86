import { crc32, deflateSync } from 'node:zlib';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { McpClient, Reply } from '../support/mcp-client.js';

/** An agent uploads through MCP, as agents do; the reply carries the document and the version. */
export async function upload(agent: McpClient, folder: string, name: string, content: string, extra: Record<string, unknown> = {}): Promise<Reply> {
  const reply = await agent.call('collab_documents', { operation: 'upload', folder_path: folder, file_name: name, content, ...extra });
  expect(reply.success, JSON.stringify(reply)).toBe(true);
  return reply;
}

/** A real PNG (width × height, one colour), as base64: a browser must be able to decode it. */
export function png(width: number, height: number, [r, g, b]: [number, number, number]): string {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]).toString('base64');
}

/** The page path of a web_url the hub handed out. */
export const pathOf = (webUrl: string): string => {
  const url = new URL(webUrl);
  return `${url.pathname}${url.search}`;
};

/** The text of every element a locator matches, once at least one is there. */
export async function textsOf(page: Page, selector: string): Promise<string[]> {
  await page.locator(selector).first().waitFor();
  return page.locator(selector).allTextContents();
}
