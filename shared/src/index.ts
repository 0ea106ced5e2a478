export * from './problem.ts';
export * from './contracts/health.ts';
export * from './contracts/cycles.ts';
