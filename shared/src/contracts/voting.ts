import { z } from 'zod';
import { RESIDENCY_BASES } from '../domain/eligibility.ts';
import { Slug } from './cycles.ts';

const Instant = z.iso.datetime({ offset: true });
const Id = z.uuid();
/** A ballot names projects by their short id (pabulib's project_id). */
const ProjectRef = z.string().min(1).max(64);

export const Channel = z.enum(['online', 'kiosk', 'paper', 'import']);
export type Channel = z.infer<typeof Channel>;

// ---- access codes -------------------------------------------------------------------------

export const AccessCodeBatchBody = z.object({
	count: z.number().int().min(1).max(5_000),
	/** where the sheet goes, e.g. "Madison Park HS, room 204" (staff only, printed on the sheet) */
	label: z.string().trim().min(1).max(120)
});
export type AccessCodeBatchBody = z.infer<typeof AccessCodeBatchBody>;

/**
 * The plain codes exist only in this one answer (the database keeps hashes), so the printable
 * forms come from the same call: `json` (default), `csv` (one code per row, for mail merge) or
 * `html` (a print-ready sheet of cut-out slips).
 */
export const AccessCodeBatchQuery = z.object({
	format: z.enum(['json', 'csv', 'html']).default('json')
});
export type AccessCodeBatchQuery = z.infer<typeof AccessCodeBatchQuery>;

export const AccessCodeBatchCreated = z.object({
	batchId: Id,
	label: z.string(),
	createdAt: Instant,
	/** shown once: store or print them now */
	codes: z.array(z.string())
});
export type AccessCodeBatchCreated = z.infer<typeof AccessCodeBatchCreated>;

export const AccessCodeBatch = z.object({
	id: Id,
	label: z.string(),
	size: z.number().int(),
	redeemed: z.number().int(),
	voided: z.number().int(),
	createdAt: Instant,
	voidedAt: Instant.nullable()
});
export type AccessCodeBatch = z.infer<typeof AccessCodeBatch>;

export const AccessCodeBatchList = z.object({ items: z.array(AccessCodeBatch) });
export type AccessCodeBatchList = z.infer<typeof AccessCodeBatchList>;

export const BatchParams = z.object({ slug: Slug, batchId: Id });
export type BatchParams = z.infer<typeof BatchParams>;

export const VoidCodeBody = z.object({ code: z.string().min(1).max(64) });
export type VoidCodeBody = z.infer<typeof VoidCodeBody>;

export const VoidCodeResult = z.object({
	voided: z.literal(true),
	/** whether the code had already been used: its voter stays a voter */
	wasRedeemed: z.boolean()
});
export type VoidCodeResult = z.infer<typeof VoidCodeResult>;

// ---- becoming a voter ---------------------------------------------------------------------

export const Residency = z.object({
	basis: z.enum(RESIDENCY_BASES),
	neighborhood: z.string().trim().max(100).optional()
});

/** What a person states to vote; the birth date is checked and then dropped (only a bracket stays). */
export const EligibilityClaim = z.object({ birthDate: z.iso.date(), residency: Residency });
export type EligibilityClaim = z.infer<typeof EligibilityClaim>;

export const RegisterVoterBody = EligibilityClaim.extend({ code: z.string().min(1).max(64) });
export type RegisterVoterBody = z.infer<typeof RegisterVoterBody>;

export const VoterToken = z.object({
	token: z.string(),
	expiresAt: Instant,
	channel: z.enum(['online', 'kiosk'])
});
export type VoterToken = z.infer<typeof VoterToken>;

// ---- ballots ------------------------------------------------------------------------------

/** `{ranking}` for ranked, `{approvals}` for approval, single and knapsack, `{points}` for cumulative. */
export const BallotBody = z.union([
	z.object({ ranking: z.array(ProjectRef).max(500) }),
	z.object({ approvals: z.array(ProjectRef).max(500) }),
	z.object({ points: z.record(ProjectRef, z.number()) })
]);
export type BallotBody = z.infer<typeof BallotBody>;

export const BallotAck = z.object({
	/** the tracker to check after the vote closes; the same for every revision of a ballot */
	receipt: z.string(),
	ballot: BallotBody,
	/** 1 for the first submission; the highest acknowledged revision is the one that counts */
	revision: z.number().int(),
	channel: Channel,
	castAt: Instant,
	updatedAt: Instant
});
export type BallotAck = z.infer<typeof BallotAck>;

export const MyBallot = z.object({
	receipt: z.string().nullable(),
	ballot: BallotBody.nullable(),
	revision: z.number().int(),
	channel: Channel.nullable(),
	updatedAt: Instant.nullable(),
	/** set when a kiosk or paper ballot was cast: online voting is then closed for this voter */
	votedInPersonAt: Instant.nullable()
});
export type MyBallot = z.infer<typeof MyBallot>;

// ---- polling sites and kiosks -------------------------------------------------------------

export const PollingSiteBody = z.object({
	name: z.string().trim().min(1).max(200),
	neighborhood: z.string().trim().min(1).max(100).optional()
});
export type PollingSiteBody = z.infer<typeof PollingSiteBody>;

export const PollingSite = z.object({
	id: Id,
	name: z.string(),
	neighborhood: z.string().nullable(),
	createdAt: Instant
});
export type PollingSite = z.infer<typeof PollingSite>;

export const PollingSiteList = z.object({ items: z.array(PollingSite) });
export type PollingSiteList = z.infer<typeof PollingSiteList>;

export const KioskSessionBody = z.object({ siteId: Id });
export type KioskSessionBody = z.infer<typeof KioskSessionBody>;

export const KioskSession = z.object({
	id: Id,
	siteId: Id,
	siteName: z.string(),
	openedAt: Instant,
	lastSeenAt: Instant,
	closedAt: Instant.nullable(),
	/** a session idle this long is closed: the poll worker signs in again */
	idleTimeoutSeconds: z.number().int()
});
export type KioskSession = z.infer<typeof KioskSession>;

/**
 * The device's credential while it is a kiosk: a bearer token that can only show, check walk-ins
 * in at, and close this one session, and stops working when the session closes. The device
 * keeps it instead of the poll worker's own sign-in, so a walk-in left alone at the screen
 * cannot reach the staff console.
 */
export const KioskToken = z.object({ token: z.string(), expiresAt: Instant });
export type KioskToken = z.infer<typeof KioskToken>;

export const OpenedKioskSession = KioskSession.extend({ kioskToken: KioskToken });
export type OpenedKioskSession = z.infer<typeof OpenedKioskSession>;

export const KioskParams = z.object({ slug: Slug, sessionId: Id });
export type KioskParams = z.infer<typeof KioskParams>;

/**
 * A walk-in checked in by a poll worker, who attests the stated facts. With an access code the
 * walk-in is linked to it: an unused code is used up (it cannot vote online later); a code
 * already redeemed online brings back that voter, whose in-person ballot then replaces any online one.
 */
export const KioskCheckInBody = EligibilityClaim.extend({
	code: z.string().min(1).max(64).optional()
});
export type KioskCheckInBody = z.infer<typeof KioskCheckInBody>;

/** A paper ballot typed in at the site: the voter's stated facts, optional code, and the ballot. */
export const PaperBallotBody = KioskCheckInBody.extend({ ballot: BallotBody });
export type PaperBallotBody = z.infer<typeof PaperBallotBody>;

export const PaperBallotAck = z.object({ receipt: z.string(), ballot: BallotBody });
export type PaperBallotAck = z.infer<typeof PaperBallotAck>;

const Count = z.object({ key: z.string(), count: z.number().int() });

/** Live turnout for staff while the vote runs (counted ballots, no demographics). */
export const LiveTurnout = z.object({
	total: z.number().int(),
	submissions: z.number().int(),
	byChannel: z.array(Count),
	bySite: z.array(Count.extend({ name: z.string() })),
	byDay: z.array(Count)
});
export type LiveTurnout = z.infer<typeof LiveTurnout>;
