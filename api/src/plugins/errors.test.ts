import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './errors.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
	it.each([
		[
			'a server shutting down (57P01)',
			withCode('terminating connection due to administrator command', '57P01')
		],
		['a server starting up (57P03)', withCode('the database system is starting up', '57P03')],
		['a connection exception (08006)', withCode('connection failure', '08006')],
		['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
		['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
		['a dropped connection', new Error('Connection terminated unexpectedly')],
		['a pool wait that timed out', new Error('timeout exceeded when trying to connect')],
		[
			'a driver error wrapped by drizzle',
			new Error('Failed query: select 1', { cause: withCode('x', '57P01') })
		]
	])('is true for %s', (_what, err) => {
		expect(isDatabaseUnavailable(err)).toBe(true);
	});

	it.each([
		['a unique violation', withCode('duplicate key value', '23505')],
		['a syntax error', withCode('syntax error at or near', '42601')],
		['a plain bug', new TypeError('cannot read properties of undefined')],
		['not an error', 'Connection terminated']
	])('is false for %s', (_what, err) => {
		expect(isDatabaseUnavailable(err)).toBe(false);
	});
});
