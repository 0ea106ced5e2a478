#!/usr/bin/env tsx
/**
 * `npm run bench:overload`: the vote benchmark far past capacity. 1,024 connections against an
 * API that sheds beyond 128 requests in flight (OVERLOAD_MAX_IN_FLIGHT): the excess must get
 * 503 OVERLOADED at once, the accepted ballots must stay fast, and the database must hold
 * exactly what was acknowledged (bench:vote's consistency check, which fails the run otherwise).
 * Each setting can be overridden from the environment.
 */
process.env.BENCH_CONNECTIONS ??= '1024';
process.env.BENCH_DURATION ??= '15';
process.env.BENCH_RAW_DURATION ??= '0';
process.env.BENCH_VOTERS ??= '5000';
process.env.OVERLOAD_MAX_IN_FLIGHT ??= '128';
await import('./vote.ts');

export {};
