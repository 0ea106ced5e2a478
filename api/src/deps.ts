import type { Db, DbKind } from '@allot/db';
import type { Config } from './config.ts';

/** Everything a service needs from the outside world, passed explicitly (no globals). */
export interface Deps {
	db: Db;
	dbKind: DbKind;
	config: Config;
	/** the clock, injectable so tests can move time (lockouts, phases, receipts) */
	now: () => Date;
}
