import { callerOf, given, pick, type Args, type ToolContext, type ToolHandler } from './tool-call.js';
import { contractError, success } from './tool-result.js';

async function list(ctx: ToolContext, a: Args) {
  return success(await ctx.hub.documents.list(pick(a, ['folder_path', 'recursive'])));
}

async function upload(ctx: ToolContext, a: Args) {
  if (!given(a.file_name) || !given(a.content)) return contractError("file_name and content required for 'upload'");
  const input = pick(a, ['file_name', 'content', 'folder_path', 'encoding', 'content_type', 'if_match']);
  return success({ success: true, ...(await ctx.hub.documents.upload(callerOf(ctx), input)) });
}

async function download(ctx: ToolContext, a: Args) {
  if (!given(a.document_id)) return contractError("document_id required for 'download'");
  return success(await ctx.hub.documents.download(pick(a, ['document_id', 'version', 'offset', 'max_chars'])));
}

async function move(ctx: ToolContext, a: Args) {
  if (!given(a.document_id) || !given(a.to)) return contractError("document_id and to required for 'move'");
  return success(await ctx.hub.documents.move(callerOf(ctx), pick(a, ['document_id', 'to'])));
}

/** delete, versions and restore take only the document. */
const onDocument =
  (op: string, run: (ctx: ToolContext, input: Args) => Promise<object>) =>
  async (ctx: ToolContext, a: Args) => {
    if (!given(a.document_id)) return contractError(`document_id required for '${op}'`);
    return success(await run(ctx, pick(a, ['document_id'])));
  };

export const documentTool: ToolHandler = {
  operations: {
    list,
    upload,
    download,
    move,
    delete: onDocument('delete', (ctx, input) => ctx.hub.documents.remove(callerOf(ctx), input)),
    versions: onDocument('versions', (ctx, input) => ctx.hub.documents.versions(input)),
    restore: onDocument('restore', (ctx, input) => ctx.hub.documents.restore(callerOf(ctx), input)),
  },
  fieldNames: { path: 'file_name' },
};
