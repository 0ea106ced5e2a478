export * from './problem.ts';
export * from './contracts/health.ts';
export * from './contracts/cycles.ts';
export * from './contracts/auth.ts';
export * from './contracts/staff.ts';
export * from './contracts/projects.ts';
