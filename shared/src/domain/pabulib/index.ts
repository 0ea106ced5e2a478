/** The pabulib `.pb` format: read, interpret as an election, write back. */
export { PabulibError, quoteCell } from './csv.ts';
export { parsePabulib, type ParsedPabulib, type PabulibRow } from './parse.ts';
export { toElection, isMissing, splitList, type Election } from './election.ts';
export { writePabulib, canonicalPabulib, electionToPabulib, type WriteOptions } from './write.ts';
