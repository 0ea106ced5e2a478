import type { LanguageDraft, LanguageFile } from '../index.ts';

/** English: the reference file. Its keys are the type every other language must provide. */
export const en = {
	code: 'en',
	name: 'English',
	dir: 'ltr',
	messages: {
		'nav.skip': 'Skip to content',
		'nav.label': 'Main',
		'nav.language': 'Language',
		'nav.home': 'Home',
		'nav.projects': 'Projects',
		'nav.ideas': 'Ideas',
		'nav.vote': 'Vote',
		'nav.results': 'Results',
		'footer.about': 'allot: young people decide how to spend part of the city budget.',
		'footer.staff': 'Staff sign-in',

		'home.none': 'No budget cycle yet',
		'home.noneHint': 'When the city opens a cycle, it will appear here.',
		'home.pot': 'The pot',
		'home.potHint': 'Money from the city budget that young people decide how to spend.',
		'home.phaseNow': 'Where we are now',
		'home.now': 'now',
		'home.what': 'What is this?',
		'home.whatText':
			'Participatory budgeting: young people propose ideas, volunteers and city staff turn them into costed projects, and then you vote. The winning projects are computed with a published rule that anyone can re-run.',
		'home.who': 'Who can vote: people aged {min} to {max} on {date} who {residency} here.',
		'home.timeline': 'Timeline',
		'home.explore': 'Explore',
		'home.ctaIdea': 'Share your idea',
		'home.ctaVote': 'Vote now',
		'home.ctaResults': 'See the results',
		'home.ctaProjects': 'Browse the projects',
		'home.linkProjects': 'Projects on the ballot ({count})',
		'home.linkIdeas': 'Ideas from young people',
		'home.linkProposals': 'Proposals being developed',
		'home.linkCheck': 'Check that your vote was counted',
		'home.linkResults': 'Results and open data',

		'phase.draft': 'Getting ready',
		'phase.draft.what': 'Staff are setting up this cycle.',
		'phase.ideas': 'Ideas',
		'phase.ideas.what': 'Anyone can share an idea for the city.',
		'phase.development': 'Proposal development',
		'phase.development.what': 'Volunteers and city staff turn ideas into costed proposals.',
		'phase.voting': 'Voting',
		'phase.voting.what': 'Eligible young people vote for the projects they want.',
		'phase.tallying': 'Counting',
		'phase.tallying.what': 'The vote is closed and the votes are being counted.',
		'phase.results': 'Results',
		'phase.results.what': 'The winning projects are published, with the reason for each.',
		'phase.implementation': 'Building',
		'phase.implementation.what': 'The city builds the winning projects.',
		'phase.archived': 'Archived',
		'phase.archived.what': 'This cycle is over.',

		'residency.live': 'live',
		'residency.work': 'work',
		'residency.school': 'go to school',

		'category.parks': 'Parks',
		'category.schools': 'Schools',
		'category.streets': 'Streets',
		'category.arts': 'Arts',
		'category.technology': 'Technology',
		'category.health': 'Health',

		'projects.title': 'Projects',
		'projects.intro': '{count} projects are on the ballot.',
		'projects.shuffled':
			'Projects are shown in a random order, different for each person, so no project gains from its place on the list.',
		'projects.filter': 'Filter by category',
		'projects.all': 'All',
		'projects.showing': 'Showing {count} projects.',
		'projects.back': 'All projects',
		'projects.details': 'Details'
	}
} as const satisfies LanguageDraft;

export const language: LanguageFile = en;
