import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['{packages,services,apps,bench}/*/src/**/*.test.ts'],
    // Integration tests share one PostgreSQL, Redis and RabbitMQ; files run one at a time so that
    // tests that stop or saturate a server do not disturb each other.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
