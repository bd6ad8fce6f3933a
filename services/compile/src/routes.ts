import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CreateRunRequest,
  CreateSubmissionRequest,
  DictationInput,
  DictationListQuery,
  ProblemFolderJson,
  ProblemInput,
  ProblemListQuery,
  RandomProblemQuery,
  RunWaitQuery,
  SubmissionListQuery,
  TestCaseInput,
  TestName,
  type SubmissionStreamEvent,
} from '@corazy/contracts';
import { badRequest, forbidden, parseOrThrow, requireIdentity, type Identity } from '@corazy/service-kit';
import type { z } from 'zod';
import { ArchiveError, packFolder, unpackArchive, unpackFolder } from './adapters/folder-archive.js';
import type { Catalogue } from './domain/catalogue.js';
import type { Jobs } from './domain/jobs.js';
import type { ProblemPackages } from './domain/problem-package/package-import.js';
import { followJob, type LiveResults } from './domain/live-results.js';
import type { FolderFiles } from './domain/problem-folder.js';
import type { JobRecord } from './domain/ports.js';
import { submissionSummary, submissionView, testResult } from './domain/views.js';

export interface RouteOptions {
  refreshMs: number;
  heartbeatMs: number;
  /** Requests held open (event streams, long polls) end when this aborts: the service is stopping. */
  stopping: AbortSignal;
  onJobAccepted: (kind: 'submission' | 'run') => void;
  /** Import and export in the Kattis problem package format (`?format=kattis`). */
  packages: ProblemPackages;
  streams: { opened(): void; closed(): void };
}

/** Largest problem archive an administrator may upload. */
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

type Params = { slug: string; name: string; id: string };

/** HTTP in, domain calls, HTTP out: nothing else belongs here. */
export function registerRoutes(
  app: FastifyInstance,
  catalogue: Catalogue,
  jobs: Jobs,
  live: LiveResults,
  options: RouteOptions,
) {
  // Problem archives arrive as raw bytes; JSON keeps fastify's own parser.
  app.addContentTypeParser(
    ['application/gzip', 'application/x-gzip', 'application/zip', 'application/octet-stream'],
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  );

  // ---------------------------------------------------------------- problems (public reads)

  app.get('/api/problems', async (request) =>
    catalogue.listProblems(parseOrThrow(ProblemListQuery, request.query)),
  );

  app.get('/api/problems/random', async (request) =>
    catalogue.randomProblem(parseOrThrow(RandomProblemQuery, request.query)),
  );

  app.get<{ Params: Params }>('/api/problems/:slug', async (request) =>
    catalogue.problem(request.params.slug),
  );

  // ---------------------------------------------------------------- problems (administration)

  app.post('/api/problems', async (request, reply) => {
    requireAdmin(request);
    return reply.code(201).send(await catalogue.createProblem(parseOrThrow(ProblemInput, request.body)));
  });

  app.put<{ Params: Params }>('/api/problems/:slug', async (request) => {
    requireAdmin(request);
    return catalogue.updateProblem(request.params.slug, parseOrThrow(ProblemInput, request.body));
  });

  app.get<{ Params: Params }>('/api/problems/:slug/tests', async (request) => {
    requireAdmin(request);
    return catalogue.listTests(request.params.slug);
  });

  app.get<{ Params: Params }>('/api/problems/:slug/tests/:name', async (request) => {
    requireAdmin(request);
    return catalogue.test(request.params.slug, request.params.name);
  });

  app.put<{ Params: Params }>(
    '/api/problems/:slug/tests/:name',
    { bodyLimit: IMPORT_BODY_LIMIT },
    async (request, reply) => {
      requireAdmin(request);
      const name = parseOrThrow(TestName, request.params.name);
      await catalogue.putTest(request.params.slug, name, parseOrThrow(TestCaseInput, request.body));
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: Params }>('/api/problems/:slug/tests/:name', async (request, reply) => {
    requireAdmin(request);
    await catalogue.deleteTest(request.params.slug, request.params.name);
    return reply.code(204).send();
  });

  app.get<{ Params: Params; Querystring: { format?: string } }>(
    '/api/problems/:slug/export',
    async (request, reply) => {
      requireAdmin(request);
      const format = request.query.format ?? 'tar.gz';
      if (format !== 'tar.gz' && format !== 'json' && format !== 'kattis')
        throw badRequest('format is tar.gz, json or kattis');
      const { slug, files } = await (format === 'kattis'
        ? options.packages.export(request.params.slug)
        : catalogue.exportProblem(request.params.slug));
      if (format === 'json') return { encoding: 'base64', files: folderToJson(files) };
      return reply
        .type('application/gzip')
        .header('content-disposition', `attachment; filename="${slug}.tar.gz"`)
        .send(await packFolder(slug, files));
    },
  );

  app.post<{ Querystring: { format?: string; slug?: string } }>(
    '/api/problems/import',
    { bodyLimit: IMPORT_BODY_LIMIT },
    async (request, reply) => {
      requireAdmin(request);
      if (request.query.format === 'kattis') {
        if (!Buffer.isBuffer(request.body))
          throw badRequest('a Kattis package is sent as a .zip or .tar.gz body');
        const { files, folder } = await unpackArchive(request.body).catch(archiveRefused);
        const slug = request.query.slug ?? folder;
        if (!slug) throw badRequest('name the problem with ?slug=, or put the package in one folder');
        const result = await options.packages.import(files, slug);
        return reply.code(result.outcome === 'created' ? 201 : 200).send(result);
      }
      let files: FolderFiles;
      if (Buffer.isBuffer(request.body)) {
        files = await unpackFolder(request.body).catch(archiveRefused);
      } else {
        const folder = parseOrThrow(ProblemFolderJson, request.body);
        files = new Map(
          Object.entries(folder.files).map(([path, content]) => [
            path,
            Buffer.from(content, folder.encoding),
          ]),
        );
      }
      const result = await catalogue.importProblem(files);
      return reply.code(result.outcome === 'created' ? 201 : 200).send(result);
    },
  );

  // ---------------------------------------------------------------- dictation

  app.get('/api/dictations', async (request) =>
    catalogue.listDictations(parseOrThrow(DictationListQuery, request.query)),
  );

  app.get<{ Params: Params }>('/api/dictations/:id', async (request) =>
    catalogue.dictation(request.params.id),
  );

  app.post('/api/dictations', async (request, reply) => {
    requireAdmin(request);
    return reply.code(201).send(await catalogue.createDictation(parseOrThrow(DictationInput, request.body)));
  });

  app.put<{ Params: Params }>('/api/dictations/:id', async (request) => {
    requireAdmin(request);
    return catalogue.updateDictation(request.params.id, parseOrThrow(DictationInput, request.body));
  });

  app.delete<{ Params: Params }>('/api/dictations/:id', async (request, reply) => {
    requireAdmin(request);
    await catalogue.deleteDictation(request.params.id);
    return reply.code(204).send();
  });

  // ---------------------------------------------------------------- submissions

  app.post('/api/submissions', async (request, reply) => {
    const identity = requireIdentity(request);
    const accepted = await jobs.submit(identity, parseOrThrow(CreateSubmissionRequest, request.body));
    options.onJobAccepted('submission');
    return reply.code(202).header('location', `/api/submissions/${accepted.id}`).send(accepted);
  });

  app.get('/api/submissions', async (request) =>
    jobs.listSubmissions(requireIdentity(request), parseOrThrow(SubmissionListQuery, request.query)),
  );

  app.get<{ Params: Params }>('/api/submissions/:id', async (request) =>
    jobs.submission(requireIdentity(request), request.params.id),
  );

  app.get<{ Params: Params }>('/api/submissions/:id/events', async (request, reply) => {
    const identity = requireIdentity(request);
    await streamSubmission(request, reply, identity, request.params.id);
  });

  // ---------------------------------------------------------------- runs

  app.post('/api/runs', async (request, reply) => {
    const identity = requireIdentity(request);
    const accepted = await jobs.run(identity, parseOrThrow(CreateRunRequest, request.body));
    options.onJobAccepted('run');
    return reply.code(202).header('location', `/api/runs/${accepted.id}`).send(accepted);
  });

  app.get<{ Params: Params }>('/api/runs/:id', async (request, reply) => {
    const identity = requireIdentity(request);
    const { wait } = parseOrThrow(RunWaitQuery, request.query);
    const client = new AbortController();
    reply.raw.once('close', () => client.abort());
    return jobs.runResult(
      identity,
      request.params.id,
      wait,
      AbortSignal.any([options.stopping, client.signal]),
    );
  });

  /**
   * Server-Sent Events: a snapshot, then compile, each test once and the final result, whether the
   * client came early or late; comment lines as heartbeats; closed after the final.
   */
  async function streamSubmission(
    request: FastifyRequest,
    reply: FastifyReply,
    identity: Identity,
    id: string,
  ) {
    const client = new AbortController();
    reply.raw.once('close', () => client.abort());
    const view = { revealHidden: identity.role === 'ADMIN' };
    const sent = new Set<string>();
    let compileSent = false;
    let heartbeat: NodeJS.Timeout | undefined;
    let open = false;

    const send = <Name extends keyof typeof SubmissionStreamEvent>(
      event: Name,
      data: z.infer<(typeof SubmissionStreamEvent)[Name]>,
    ) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    // The client may be gone already: its close aborts the follow, but a heartbeat may come first.
    const write = (text: string) => {
      if (!reply.raw.destroyed && !reply.raw.writableEnded) reply.raw.write(text);
    };

    const onUpdate = (record: JobRecord) => {
      if (!compileSent && record.compile) {
        send('compile', record.compile);
        compileSent = true;
      }
      for (const planned of record.testPlan) {
        const outcome = record.tests.get(planned.id);
        if (outcome && !sent.has(planned.id)) {
          send('test', testResult(outcome, planned.sample, view));
          sent.add(planned.id);
        }
      }
      if (record.status === 'done') send('final', submissionView(record, view));
    };

    try {
      const record = await followJob({
        jobId: id,
        live,
        load: () => jobs.find(id),
        refreshMs: options.refreshMs,
        signal: AbortSignal.any([options.stopping, client.signal]),
        onStart: (first) => {
          jobs.authorize(identity, 'submission', first);
          reply.hijack();
          reply.raw.writeHead(200, {
            'content-type': 'text/event-stream; charset=utf-8',
            'cache-control': 'no-cache, no-transform',
            connection: 'keep-alive',
            // nginx (the ingress) would otherwise buffer the stream.
            'x-accel-buffering': 'no',
            'x-request-id': request.id,
          });
          open = true;
          options.streams.opened();
          // A client that loses the connection reconnects after this long (EventSource's `retry`).
          write(`retry: 2000\n\n`);
          send('snapshot', submissionSummary(first));
          heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs);
        },
        onUpdate,
      });
      if (!record && !open) jobs.authorize(identity, 'submission', undefined);
    } finally {
      clearInterval(heartbeat);
      if (open) {
        options.streams.closed();
        reply.raw.end();
      }
    }
  }
}

function requireAdmin(request: FastifyRequest): Identity {
  const identity = requireIdentity(request);
  if (identity.role !== 'ADMIN') throw forbidden('administrators only');
  return identity;
}

function archiveRefused(error: unknown): never {
  if (error instanceof ArchiveError) throw badRequest(error.message);
  throw error;
}

function folderToJson(files: FolderFiles): Record<string, string> {
  return Object.fromEntries([...files].map(([path, content]) => [path, content.toString('base64')]));
}
