/**
 * Last year's cycle for the demo: "Youth Lead the Change 2026", closed and published, so the
 * results dashboard and the open-data exports have a real-looking election on first start.
 * The preference model gives each project a base appeal, a pull on some age brackets and a
 * pull on its own neighbourhood: enough structure for the turnout and result charts to tell
 * a story (skate parks win the young teens, transit the older youth, local projects their area).
 */

import { demoCycle } from './demo-data.ts';

// Same city, same pot, same rules as this year's demo cycle: only the dates and texts differ.
const { phase: _phase, ...sameSettings } = demoCycle;

export const historyCycle = {
	...sameSettings,
	slug: 'youth-lead-the-change-2026',
	name: 'Youth Lead the Change 2026',
	description:
		'Last year young people aged 12 to 25 decided how to spend $1,000,000 of the city capital ' +
		'budget. 3,200 ranked ballots, counted with greedy by points; results and ballots are open data.',
	eligibility: { ...demoCycle.eligibility, asOf: '2026-04-01' },
	timeline: {
		voting: { startsAt: '2026-04-06T13:00:00Z', endsAt: '2026-04-26T23:00:00Z' },
		tallying: { startsAt: '2026-04-26T23:00:00Z', endsAt: '2026-05-04T16:00:00Z' }
	}
};

export const HISTORY_BALLOTS = 3_200;
/** first day of voting (UTC) and its length in days */
export const VOTING_START = Date.UTC(2026, 3, 6);
export const VOTING_DAYS = 21;

export interface HistoryProject {
	code: string;
	title: string;
	summary: string;
	costCents: number;
	category: string;
	/** base appeal (relative) */
	appeal: number;
	/** extra appeal by age bracket */
	ages?: Record<string, number>;
	/** the neighbourhood it serves (its residents like it more) */
	area?: string;
}

export const historyProjects: HistoryProject[] = [
	{
		code: 'H01',
		title: 'Skate spot under the Fairmount bridge',
		summary: 'A small concrete skate park with lights.',
		costCents: 240_000_00,
		category: 'parks',
		appeal: 1.2,
		ages: { '12-14': 2.2, '15-17': 1.6 }
	},
	{
		code: 'H02',
		title: 'Youth bus passes pilot',
		summary: 'Free passes for 1,000 students for a year.',
		costCents: 300_000_00,
		category: 'streets',
		appeal: 1.4,
		ages: { '18-21': 1.8, '22-25': 1.9 }
	},
	{
		code: 'H03',
		title: 'Air conditioning in 4 school gyms',
		summary: 'Cooler gyms for summer programs.',
		costCents: 180_000_00,
		category: 'schools',
		appeal: 1.1,
		ages: { '12-14': 1.3, '15-17': 1.4 }
	},
	{
		code: 'H04',
		title: 'Mural festival in Roxbury',
		summary: 'Twenty walls painted by young artists.',
		costCents: 90_000_00,
		category: 'arts',
		appeal: 0.8,
		area: 'Roxbury'
	},
	{
		code: 'H05',
		title: 'Water fountains along the Harborwalk',
		summary: 'Ten bottle-filling fountains.',
		costCents: 70_000_00,
		category: 'health',
		appeal: 0.9,
		area: 'East Boston'
	},
	{
		code: 'H06',
		title: 'Computer lab at the Mattapan library',
		summary: 'Twenty-four new computers and a printer.',
		costCents: 110_000_00,
		category: 'technology',
		appeal: 0.9,
		area: 'Mattapan',
		ages: { '15-17': 1.2 }
	},
	{
		code: 'H07',
		title: 'Safer bike routes to Jamaica Plain schools',
		summary: 'Flex posts and paint on three corridors.',
		costCents: 260_000_00,
		category: 'streets',
		appeal: 1.0,
		area: 'Jamaica Plain',
		ages: { '18-21': 1.3 }
	},
	{
		code: 'H08',
		title: 'Mental health first aid for 500 students',
		summary: 'Training by youth peer leaders.',
		costCents: 60_000_00,
		category: 'health',
		appeal: 1.0,
		ages: { '15-17': 1.3, '18-21': 1.2 }
	},
	{
		code: 'H09',
		title: 'Turf field refurbishment at Garvey playground',
		summary: 'New turf and goals for two fields.',
		costCents: 350_000_00,
		category: 'parks',
		appeal: 1.0,
		area: 'Dorchester'
	},
	{
		code: 'H10',
		title: 'Phone charging kiosks in 8 parks',
		summary: 'Solar kiosks with USB and USB-C.',
		costCents: 45_000_00,
		category: 'technology',
		appeal: 0.7,
		ages: { '12-14': 1.3 }
	},
	{
		code: 'H11',
		title: 'Recording studio at the Allston teen center',
		summary: 'A booth, microphones and software.',
		costCents: 85_000_00,
		category: 'arts',
		appeal: 0.8,
		area: 'Allston',
		ages: { '15-17': 1.3, '18-21': 1.3 }
	},
	{
		code: 'H12',
		title: 'Outdoor basketball court lights in Dorchester',
		summary: 'LED lights so courts stay open until 10 pm.',
		costCents: 150_000_00,
		category: 'parks',
		appeal: 1.0,
		area: 'Dorchester',
		ages: { '15-17': 1.4 }
	}
];

/** Who voted, as shares: age brackets of 12–25-year-olds and the city's youth population. */
export const AGE_SHARES: [string, number][] = [
	['12-14', 0.27],
	['15-17', 0.36],
	['18-21', 0.22],
	['22-25', 0.15]
];
export const NEIGHBORHOOD_SHARES: [string, number][] = [
	['Dorchester', 0.27],
	['Roxbury', 0.2],
	['East Boston', 0.15],
	['Mattapan', 0.13],
	['Jamaica Plain', 0.14],
	['Allston', 0.11]
];
export const CHANNEL_SHARES: [string, number][] = [
	['online', 0.72],
	['kiosk', 0.17],
	['paper', 0.11]
];
export const HISTORY_SITES = [
	{ name: 'Dudley Branch Library', neighborhood: 'Roxbury' },
	{ name: 'East Boston High School', neighborhood: 'East Boston' },
	{ name: 'Mattapan Teen Center', neighborhood: 'Mattapan' }
];
