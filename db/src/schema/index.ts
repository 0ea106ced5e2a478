export * from './staff.ts';
export * from './cycles.ts';
export * from './ideas.ts';
export * from './projects.ts';
export * from './voting.ts';
export * from './audit.ts';
