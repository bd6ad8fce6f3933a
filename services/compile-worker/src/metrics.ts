import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** What the worker reports to Prometheus. */
export function createWorkerMetrics(registry: Registry) {
  return {
    jobs: new Counter({
      name: 'grading_jobs_total',
      help: 'Jobs finished, by final verdict, language and kind',
      labelNames: ['verdict', 'language', 'kind'] as const,
      registers: [registry],
    }),
    queueWait: new Histogram({
      name: 'grading_queue_wait_seconds',
      help: 'Time from enqueue to the start of grading',
      buckets: seconds,
      registers: [registry],
    }),
    compileDuration: new Histogram({
      name: 'grading_compile_duration_seconds',
      help: 'Compilation wall time, by language',
      labelNames: ['language'] as const,
      buckets: seconds,
      registers: [registry],
    }),
    testDuration: new Histogram({
      name: 'grading_test_duration_seconds',
      help: 'Wall time of one test run, by language',
      labelNames: ['language'] as const,
      buckets: seconds,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'grading_job_duration_seconds',
      help: 'Time to grade a whole job, compile included',
      labelNames: ['language'] as const,
      buckets: seconds,
      registers: [registry],
    }),
    sandboxOverhead: new Histogram({
      name: 'grading_sandbox_overhead_seconds',
      help: 'Per sandboxed run: job time not spent inside compiler or program (workspace setup, teardown, checking)',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers: [registry],
    }),
    limitHits: new Counter({
      name: 'grading_limit_hits_total',
      help: 'Tests stopped by a limit, by limit',
      labelNames: ['limit'] as const,
      registers: [registry],
    }),
    attempts: new Counter({
      name: 'grading_job_attempts_failed_total',
      help: 'Grading attempts that failed and were handed back to the queue',
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'grading_dead_letters_total',
      help: 'Jobs that failed every delivery and got an INTERNAL_ERROR final',
      registers: [registry],
    }),
    inFlight: new Gauge({
      name: 'grading_jobs_in_flight',
      help: 'Jobs being graded now',
      registers: [registry],
    }),
  };
}
export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
