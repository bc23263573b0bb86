import { z } from 'zod';
import { BatonError, conflict, notFound } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import { parseInput } from '../core/validate.js';
import { DEFAULT_WORKSPACE, TRUST_LEVELS, validWorkspaceName, type Workspace } from '../domain/workspaces.js';
import type { Hub } from '../hub/hub.js';
import type { ControlStore } from '../store/control.js';
import type { ControlEvent } from '../events/pg-relay.js';
import type { NodeNews } from './workspace-storage.js';

/** A workspace being served: its hub and whatever the surfaces built around it. */
export interface OpenWorkspace {
  hub: Hub;
  /** Serves one request of this workspace. */
  fetch(request: Request, env: object): Response | Promise<Response>;
  /** Answers waiters and ends MCP sessions, so connections can drain. */
  quiesce(): Promise<void>;
  /** Quiesces and closes the store. */
  close(): Promise<void>;
}

export interface WorkspaceFiles {
  open(workspace: Workspace): Promise<OpenWorkspace>;
  /** Deletes a removed workspace's files. */
  remove(name: string): Promise<void>;
  /** The names that have files, so files left by an interrupted removal can be found. */
  present(): Promise<string[]>;
}

const CreateInput = z.object({ name: z.string().max(100), trust: z.enum(TRUST_LEVELS).optional() });
const UpdateInput = z.object({ trust: z.enum(TRUST_LEVELS) });

/** How long a removed workspace's in-flight requests get before its store closes under them. */
const DRAIN_MS = 10_000;

/** Removed by another node between the change and the read back. */
const notFoundNow = (name: string): never => {
  throw notFound(`Workspace '${name}' not found`);
};

type Served = { open: OpenWorkspace; inFlight: number };

/**
 * The workspaces of a hub, each its own store and files, so nothing can cross between them; all are
 * opened at start and served until removed. With other nodes on the same data, a workspace one of
 * them made is opened here on its first request, and one they removed is closed here when told.
 */
export class WorkspaceHubs {
  private readonly served = new Map<string, Served>();
  private readonly opening = new Map<string, Promise<Served | undefined>>();

  constructor(
    private readonly control: ControlStore,
    private readonly files: WorkspaceFiles,
    private readonly clock: Clock,
    private readonly news?: NodeNews,
  ) {
    news?.onControl((event) => this.heard(event));
  }

  /** Makes sure `default` exists, removes files no workspace owns (a removal cut short), then opens every workspace. */
  async start(): Promise<void> {
    await this.control.workspaces.create({ name: DEFAULT_WORKSPACE, trust: 'fenced', createdAt: this.clock.now() });
    const workspaces = await this.control.workspaces.list();
    const known = new Set(workspaces.map((w) => w.name));
    for (const name of await this.files.present()) if (!known.has(name)) await this.files.remove(name);
    for (const workspace of workspaces) {
      this.served.set(workspace.name, { open: await this.files.open(workspace), inFlight: 0 });
    }
  }

  /** Whether the workspace exists, here or made by another node. */
  async exists(name: string): Promise<boolean> {
    return this.served.has(name) || (await this.control.workspaces.get(name)) !== undefined;
  }

  hubs(): Hub[] {
    return [...this.served.values()].map((s) => s.open.hub);
  }

  /** Runs a request against a workspace, counted so a removal can let it finish. */
  async serve(name: string, request: Request, env: object): Promise<Response | undefined> {
    const served = this.served.get(name) ?? (await this.openMadeElsewhere(name));
    if (!served) return undefined;
    served.inFlight++;
    try {
      return await served.open.fetch(request, env);
    } finally {
      served.inFlight--;
    }
  }

  async list(): Promise<Workspace[]> {
    return this.control.workspaces.list();
  }

  async create(raw: unknown): Promise<Workspace> {
    const input = parseInput(CreateInput, raw);
    const workspace: Workspace = { name: validWorkspaceName(input.name, 'name'), trust: input.trust ?? 'fenced', createdAt: this.clock.now() };
    if (!(await this.control.workspaces.create(workspace))) throw conflict(`Workspace '${workspace.name}' already exists`);
    try {
      // A workspace of the same name that was removed must not come back through files left behind.
      await this.files.remove(workspace.name);
      this.served.set(workspace.name, { open: await this.files.open(workspace), inFlight: 0 });
    } catch (error) {
      await this.control.workspaces.remove(workspace.name, this.clock.now());
      throw error;
    }
    this.news?.announce({ type: 'workspace_created', name: workspace.name });
    return workspace;
  }

  async update(name: string, raw: unknown): Promise<Workspace> {
    const input = parseInput(UpdateInput, raw);
    if (!(await this.control.workspaces.setTrust(name, input.trust))) throw notFound(`Workspace '${name}' not found`);
    const served = this.served.get(name);
    if (served) served.open.hub.context.workspace.trust = input.trust;
    this.news?.announce({ type: 'workspace_changed', name });
    return (await this.control.workspaces.get(name)) ?? notFoundNow(name);
  }

  /** Removes a workspace, revokes its tokens, and deletes its files once its requests are done. */
  async remove(name: string): Promise<void> {
    if (name === DEFAULT_WORKSPACE) throw new BatonError('invalid_input', "name: the 'default' workspace cannot be deleted", 'name');
    if (!(await this.control.workspaces.remove(name, this.clock.now()))) throw notFound(`Workspace '${name}' not found`);
    this.news?.announce({ type: 'workspace_removed', name });
    const served = await this.servedOrOpening(name);
    if (served) await this.stopServing(name, served);
    await this.files.remove(name);
  }

  /** Stops serving a workspace: answers its waiters, lets its requests finish, closes it. */
  private async stopServing(name: string, served: Served): Promise<void> {
    this.served.delete(name);
    await served.open.quiesce();
    const deadline = this.clock.now() + DRAIN_MS;
    while (served.inFlight > 0 && this.clock.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await served.open.close();
  }

  /** A workspace another node made: opened once, however many requests arrive for it at once. */
  private openMadeElsewhere(name: string): Promise<Served | undefined> {
    let opening = this.opening.get(name);
    if (!opening) {
      opening = (async () => {
        const workspace = await this.control.workspaces.get(name);
        if (!workspace || this.served.has(name)) return this.served.get(name);
        const served = { open: await this.files.open(workspace), inFlight: 0 };
        this.served.set(name, served);
        return served;
      })().finally(() => this.opening.delete(name));
      this.opening.set(name, opening);
    }
    return opening;
  }

  /** A workspace being served, or the one being opened for a first request. */
  private async servedOrOpening(name: string): Promise<Served | undefined> {
    return this.served.get(name) ?? (await this.opening.get(name));
  }

  /** What another node did to a workspace this node may be serving (or is opening). */
  private async heard(event: ControlEvent): Promise<void> {
    if (event.type === 'token_revoked') return;
    const served = await this.servedOrOpening(event.name);
    if (!served) return;
    if (event.type === 'workspace_removed') await this.stopServing(event.name, served);
    if (event.type === 'workspace_changed') {
      const workspace = await this.control.workspaces.get(event.name);
      if (workspace) served.open.hub.context.workspace.trust = workspace.trust;
    }
  }

  async quiesceAll(): Promise<void> {
    for (const served of this.served.values()) await served.open.quiesce();
  }

  async closeAll(): Promise<void> {
    for (const served of this.served.values()) await served.open.close();
    this.served.clear();
  }
}
