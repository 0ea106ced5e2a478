import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// Algorithm is a const enum, which verbatimModuleSyntax cannot inline: 2 is Argon2id.
const ARGON2ID = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** argon2id with OWASP's minimum parameters (19 MiB, t=2, p=1). */
export const hashPassword = (password: string) => hash(password, ARGON2ID);

/** False for a wrong password and for a malformed hash alike: both are a failed login. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummy: Promise<string> | undefined;
/**
 * A hash to verify against when the email is unknown, so an unknown email costs the same time
 * as a wrong password and the response time does not reveal which accounts exist.
 */
export function dummyHash(): Promise<string> {
	dummy ??= hashPassword(randomBytes(16).toString('base64url'));
	return dummy;
}

/** 16 random bytes (128 bits) as base64url: a temporary password shown once. */
export const temporaryPassword = () => randomBytes(16).toString('base64url');
