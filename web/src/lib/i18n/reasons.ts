import type { Because, BecauseStep } from '@allot/shared/contracts/results';
import { formatDecimal, formatMoney, formatNumber } from '../format.ts';

/**
 * Why each project was funded or not, in the reader's language, from the structured `because`
 * the engine gives every project (shared/src/domain/allocation/because.ts; the engine's English
 * `reason` is rendered from the same value).
 *
 * These templates live here, not in messages/*.ts, because they are parametrised formatters
 * rather than plain strings: a reason chooses its words from its params (per unit of cost or
 * not, level 1 or a later one, a "no supporters" prefix, one vote or several), formats money,
 * counts and exact decimals for the language, inserts project titles isolated for right-to-left
 * text, and nests (greedy completion and the comparison step wrap another reason). A message
 * file holds `{name}` strings and cannot do that. One object per language, typed by the
 * contract's codes, so a code without a template in some language is a type error; a language
 * with no object here (or a reason without `because`, as results published before it have)
 * shows the English reason, marked `lang="en"`.
 */

type Code = Because['code'];
type ParamsOf<C extends Code> = Extract<Because, { code: C }>['params'];
type ScoreKind = ParamsOf<'greedy.fit'>['scoreKind'];
type Measure = ParamsOf<'maxWelfare.addsNothing'>['measure'];

/** What a template is given besides its params: formatters in the reader's language. */
export interface ReasonFormat {
	/** integer cents as money in the result's currency, isolated for right-to-left text */
	money: (cents: number) => string;
	/** a count, or an exact decimal string from the engine (score, welfare) */
	num: (value: number | string) => string;
	/** a project's title (from its id), isolated so it reads right in either direction */
	project: (id: string) => string;
	/** staff's own words, isolated the same way */
	quote: (text: string) => string;
	/** a wrapped reason (greedy completion, the comparison step), in the same language */
	step: (because: BecauseStep) => string;
}

export type ReasonTemplates = { [C in Code]: (params: ParamsOf<C>, f: ReasonFormat) => string };

/** First strong isolate … pop directional isolate: keeps a Latin title whole in Arabic. */
const isolate = (text: string) => `\u2068${text}\u2069`;

const en: ReasonTemplates = (() => {
	const ordinal = (n: number) => {
		const mod100 = n % 100;
		const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
		return `${n}${suffix}`;
	};
	const UNIT: Record<ScoreKind, [string, string]> = {
		votes: ['vote', 'votes'],
		points: ['point', 'points'],
		borda: ['Borda point', 'Borda points'],
		'pabulib-borda': ['point', 'points']
	};
	const MEASURE: Record<Measure, string> = {
		approvals: 'approvals',
		points: 'points',
		borda: 'Borda points',
		'cost-approvals': 'cost-weighted approvals',
		'points-cost': 'points times cost'
	};
	const amount = (kind: ScoreKind, score: string, f: ReasonFormat) =>
		`${f.num(score)} ${UNIT[kind][score === '1' ? 0 : 1]}`;
	const rank = (p: ParamsOf<'greedy.fit'>, f: ReasonFormat) =>
		p.perCost
			? `${ordinal(p.position)} by ${UNIT[p.scoreKind][1]} per unit of cost (${amount(p.scoreKind, p.score, f)} for ${f.money(p.costCents)})`
			: `${ordinal(p.position)} by ${UNIT[p.scoreKind][1]} (${amount(p.scoreKind, p.score, f)})`;
	const capped = (n: number, f: ReasonFormat) =>
		n > 0 ? ` (${f.num(n)} of them gave all they had left)` : '';
	const none = (p: { unsupported: boolean }) => (p.unsupported ? 'no supporters; ' : '');
	return {
		'greedy.fit': (p, f) =>
			`${rank(p, f)}; its cost of ${f.money(p.costCents)} fit in the ${f.money(p.leftCents)} left`,
		'greedy.tooDear': (p, f) =>
			`${rank(p, f)}; it needed ${f.money(p.costCents)}, only ${f.money(p.leftCents)} was left`,
		'greedy.belowThreshold': (p, f) =>
			`below the threshold of ${f.num(String(p.minScore))} ${UNIT[p.scoreKind][1]} (it had ${f.num(p.score)})`,
		'greedy.notReached': (p, f) =>
			`not reached: the count stopped at ${f.project(p.stoppedAt)}, the first project that did not fit`,
		'greedy.fundedBefore': () =>
			'funded at an earlier stage, before the rest was shared out in order',
		'mes.round': (p, f) =>
			`chosen in the ${ordinal(p.round)} round of equal shares: its ${f.num(p.payers)} supporters paid at most ${f.money(p.priceCents)} each${capped(p.capped, f)}; effective support ${f.num(p.effectiveSupport)} votes`,
		'mes.roundPerPoint': (p, f) =>
			`chosen in the ${ordinal(p.round)} round of equal shares: its ${f.num(p.payers)} supporters paid ${f.money(p.priceCents)} per ${UNIT[p.scoreKind][0]} they gave it${capped(p.capped, f)}`,
		'mes.freeFirst': () =>
			'free and supported: funded before the first round, as equal shares does',
		'mes.freeWorthless': () =>
			'free: counted by cost, it is worth nothing to its supporters, so equal shares does not fund it',
		'mes.onlyLastPlace': () => 'no supporters: nobody ranked it above their last place',
		'mes.sharesRanOut': (p, f) =>
			`its supporters’ shares ran out: they held ${f.money(p.heldCents)} of the ${f.money(p.costCents)} it costs`,
		noSupporters: () => 'no supporters',
		'phragmen.round': (p, f) =>
			`chosen in the ${ordinal(p.round)} round of sequential Phragmén: its ${f.num(p.supporters)} supporters took on the cost, which brought each of their loads to ${f.money(p.loadCents)}, the lowest possible`,
		'phragmen.roundUnsupported': (p) =>
			`chosen in the ${ordinal(p.round)} round of sequential Phragmén: nobody supports it, but it still fit (unsupported projects come last)`,
		'phragmen.overBudget': (p, f) =>
			`${none(p)}it costs ${f.money(p.costCents)}, more than the whole budget of ${f.money(p.budgetCents)}`,
		'phragmen.stoppedHere': (p, f) =>
			`${none(p)}its turn came next, but it needed ${f.money(p.costCents)} and only ${f.money(p.leftCents)} was left; sequential Phragmén stops at the first project that does not fit`,
		'phragmen.notReached': (p, f) =>
			`${none(p)}not reached: ${p.stoppedAt === null ? 'the rule ran out of projects' : `the rule stopped when ${f.project(p.stoppedAt)} did not fit`}`,
		'ear.freeFirst': () => 'free and supported: funded before the first level',
		'ear.round': (p, f) =>
			`funded ${ordinal(p.position)}, at level ${f.num(p.level)}: its ${f.num(p.payers)} supporters ${p.level === 1 ? 'ranking it first (or approving it)' : `ranking it ${ordinal(p.level)} or better`} paid at most ${f.money(p.priceCents)} each${capped(p.capped, f)}`,
		'ear.neverAffordable': (p, f) =>
			`at no level could its supporters pay for it: in the end those ranking it at all held ${f.money(p.heldCents)} of the ${f.money(p.costCents)} it costs`,
		'maxWelfare.inBest': (p, f) =>
			`part of the best combination (${f.num(p.value)} of ${f.num(p.total)} ${MEASURE[p.measure]})`,
		'maxWelfare.notInBest': (p, f) =>
			`not in the best combination (it needed ${f.money(p.costCents)}, ${f.money(p.leftCents)} was left)`,
		'maxWelfare.overBudget': (p, f) => `it costs ${f.money(p.costCents)}, more than the budget`,
		'maxWelfare.addsNothing': (p) => `it adds no ${MEASURE[p.measure]}`,
		'fromFile.withdrawn': () => 'withdrawn: taken off the ballot',
		'staff.excluded': (p, f) => `excluded by staff: ${f.quote(p.note)}`,
		'staff.partial': (p, f) =>
			`partly funded by staff (${f.money(p.amountCents)} of ${f.money(p.costCents)}): ${f.quote(p.note)}`,
		'greedyCompletion.funded': (p, f) =>
			`added when the money left over was shared out in order: ${f.step(p.greedy)}`,
		'greedyCompletion.unfunded': (p, f) =>
			`${f.step(p.mes)}; when the money left over was shared out in order: ${f.step(p.greedy)}`,
		'comparison.greedy': (p, f) =>
			`${f.step(p.greedy)}; the comparison step chose the count by votes (${f.num(p.greedyVoters)} voters preferred it, ${f.num(p.mesVoters)} preferred equal shares)`
	};
})();

const es: ReasonTemplates = (() => {
	/** masculine ordinal (3.º), feminine for ronda (3.ª) */
	const o = (n: number) => `${n}.º`;
	const a = (n: number) => `${n}.ª`;
	const UNIT: Record<ScoreKind, [string, string]> = {
		votes: ['voto', 'votos'],
		points: ['punto', 'puntos'],
		borda: ['punto Borda', 'puntos Borda'],
		'pabulib-borda': ['punto', 'puntos']
	};
	const MEASURE: Record<Measure, string> = {
		approvals: 'aprobaciones',
		points: 'puntos',
		borda: 'puntos Borda',
		'cost-approvals': 'aprobaciones ponderadas por costo',
		'points-cost': 'puntos por costo'
	};
	const amount = (kind: ScoreKind, score: string, f: ReasonFormat) =>
		`${f.num(score)} ${UNIT[kind][score === '1' ? 0 : 1]}`;
	const rank = (p: ParamsOf<'greedy.fit'>, f: ReasonFormat) =>
		p.perCost
			? `${o(p.position)} en ${UNIT[p.scoreKind][1]} por unidad de costo (${amount(p.scoreKind, p.score, f)} por ${f.money(p.costCents)})`
			: `${o(p.position)} en ${UNIT[p.scoreKind][1]} (${amount(p.scoreKind, p.score, f)})`;
	const capped = (n: number, f: ReasonFormat) =>
		n > 0 ? ` (${f.num(n)} de ellos dieron todo lo que les quedaba)` : '';
	const none = (p: { unsupported: boolean }) => (p.unsupported ? 'sin partidarios; ' : '');
	return {
		'greedy.fit': (p, f) =>
			`${rank(p, f)}; su costo de ${f.money(p.costCents)} cabía en los ${f.money(p.leftCents)} que quedaban`,
		'greedy.tooDear': (p, f) =>
			`${rank(p, f)}; necesitaba ${f.money(p.costCents)} y solo quedaban ${f.money(p.leftCents)}`,
		'greedy.belowThreshold': (p, f) =>
			`por debajo del mínimo de ${f.num(String(p.minScore))} ${UNIT[p.scoreKind][1]} (tuvo ${f.num(p.score)})`,
		'greedy.notReached': (p, f) =>
			`no le llegó el turno: el recuento se detuvo en ${f.project(p.stoppedAt)}, el primer proyecto que no cabía`,
		'greedy.fundedBefore': () =>
			'financiado en una etapa anterior, antes de repartir el resto por orden',
		'mes.round': (p, f) =>
			`elegido en la ${a(p.round)} ronda del Método de Partes Iguales: sus ${f.num(p.payers)} partidarios pagaron como máximo ${f.money(p.priceCents)} cada uno${capped(p.capped, f)}; apoyo efectivo: ${f.num(p.effectiveSupport)} votos`,
		'mes.roundPerPoint': (p, f) =>
			`elegido en la ${a(p.round)} ronda del Método de Partes Iguales: sus ${f.num(p.payers)} partidarios pagaron ${f.money(p.priceCents)} por cada ${UNIT[p.scoreKind][0]} que le dieron${capped(p.capped, f)}`,
		'mes.freeFirst': () =>
			'gratuito y con apoyo: se financia antes de la primera ronda, como hace el Método de Partes Iguales',
		'mes.freeWorthless': () =>
			'gratuito: medido por su costo no vale nada para sus partidarios, así que el Método de Partes Iguales no lo financia',
		'mes.onlyLastPlace': () => 'sin partidarios: nadie lo puso por encima de su último lugar',
		'mes.sharesRanOut': (p, f) =>
			`a sus partidarios se les acabaron las partes: juntaban ${f.money(p.heldCents)} de los ${f.money(p.costCents)} que cuesta`,
		noSupporters: () => 'sin partidarios',
		'phragmen.round': (p, f) =>
			`elegido en la ${a(p.round)} ronda de Phragmén secuencial: sus ${f.num(p.supporters)} partidarios asumieron el costo, y la carga de cada uno quedó en ${f.money(p.loadCents)}, la más baja posible`,
		'phragmen.roundUnsupported': (p) =>
			`elegido en la ${a(p.round)} ronda de Phragmén secuencial: nadie lo apoya, pero aún cabía (los proyectos sin apoyo van al final)`,
		'phragmen.overBudget': (p, f) =>
			`${none(p)}cuesta ${f.money(p.costCents)}, más que todo el presupuesto de ${f.money(p.budgetCents)}`,
		'phragmen.stoppedHere': (p, f) =>
			`${none(p)}era su turno, pero necesitaba ${f.money(p.costCents)} y solo quedaban ${f.money(p.leftCents)}; Phragmén secuencial se detiene en el primer proyecto que no cabe`,
		'phragmen.notReached': (p, f) =>
			`${none(p)}no le llegó el turno: ${p.stoppedAt === null ? 'la regla se quedó sin proyectos' : `la regla se detuvo cuando ${f.project(p.stoppedAt)} no cabía`}`,
		'ear.freeFirst': () => 'gratuito y con apoyo: se financia antes del primer nivel',
		'ear.round': (p, f) =>
			`financiado en ${o(p.position)} lugar, en el nivel ${f.num(p.level)}: sus ${f.num(p.payers)} partidarios que ${p.level === 1 ? 'lo pusieron en primer lugar (o lo aprobaron)' : `lo pusieron en ${o(p.level)} lugar o mejor`} pagaron como máximo ${f.money(p.priceCents)} cada uno${capped(p.capped, f)}`,
		'ear.neverAffordable': (p, f) =>
			`en ningún nivel pudieron pagarlo sus partidarios: al final, quienes lo incluyeron juntaban ${f.money(p.heldCents)} de los ${f.money(p.costCents)} que cuesta`,
		'maxWelfare.inBest': (p, f) =>
			`parte de la mejor combinación (${f.num(p.value)} de ${f.num(p.total)} ${MEASURE[p.measure]})`,
		'maxWelfare.notInBest': (p, f) =>
			`no entra en la mejor combinación (necesitaba ${f.money(p.costCents)} y quedaban ${f.money(p.leftCents)})`,
		'maxWelfare.overBudget': (p, f) => `cuesta ${f.money(p.costCents)}, más que el presupuesto`,
		'maxWelfare.addsNothing': (p) => `no suma ${MEASURE[p.measure]}`,
		'fromFile.withdrawn': () => 'retirado: se quitó de la boleta',
		'staff.excluded': (p, f) => `excluido por el personal: ${f.quote(p.note)}`,
		'staff.partial': (p, f) =>
			`financiado en parte por el personal (${f.money(p.amountCents)} de ${f.money(p.costCents)}): ${f.quote(p.note)}`,
		'greedyCompletion.funded': (p, f) =>
			`añadido al repartir por orden el dinero que sobraba: ${f.step(p.greedy)}`,
		'greedyCompletion.unfunded': (p, f) =>
			`${f.step(p.mes)}; al repartir por orden el dinero que sobraba: ${f.step(p.greedy)}`,
		'comparison.greedy': (p, f) =>
			`${f.step(p.greedy)}; la comparación eligió el recuento por votos (lo preferían ${f.num(p.greedyVoters)} votantes y ${f.num(p.mesVoters)} preferían partes iguales)`
	};
})();

/**
 * Arabic: counts follow a label and a colon ("مؤيدوه: ٥٩") rather than a counted noun, which
 * would need one of six plural forms; places are numbers ("المرتبة ٣").
 */
const ar: ReasonTemplates = (() => {
	const UNIT: Record<ScoreKind, string> = {
		votes: 'الأصوات',
		points: 'النقاط',
		borda: 'نقاط بوردا',
		'pabulib-borda': 'النقاط'
	};
	const MEASURE: Record<Measure, string> = {
		approvals: 'الموافقات',
		points: 'النقاط',
		borda: 'نقاط بوردا',
		'cost-approvals': 'الموافقات الموزونة بالتكلفة',
		'points-cost': 'النقاط مضروبة في التكلفة'
	};
	const rank = (p: ParamsOf<'greedy.fit'>, f: ReasonFormat) =>
		p.perCost
			? `المرتبة ${f.num(p.position)} حسب ${UNIT[p.scoreKind]} لكل وحدة من التكلفة (${UNIT[p.scoreKind]}: ${f.num(p.score)} مقابل ${f.money(p.costCents)})`
			: `المرتبة ${f.num(p.position)} حسب ${UNIT[p.scoreKind]} (${UNIT[p.scoreKind]}: ${f.num(p.score)})`;
	const capped = (n: number, f: ReasonFormat) =>
		n > 0 ? ` (دفع بعضهم كل ما تبقّى لديه، وعددهم: ${f.num(n)})` : '';
	const none = (p: { unsupported: boolean }) => (p.unsupported ? 'لا مؤيدين له؛ ' : '');
	return {
		'greedy.fit': (p, f) =>
			`${rank(p, f)}؛ تكلفته ${f.money(p.costCents)} واتسع لها المتبقي البالغ ${f.money(p.leftCents)}`,
		'greedy.tooDear': (p, f) =>
			`${rank(p, f)}؛ كان يحتاج ${f.money(p.costCents)} ولم يبقَ إلا ${f.money(p.leftCents)}`,
		'greedy.belowThreshold': (p, f) =>
			`دون الحد الأدنى (${UNIT[p.scoreKind]}: ${f.num(String(p.minScore))})، وقد حصل على ${f.num(p.score)}`,
		'greedy.notReached': (p, f) =>
			`لم يصل إليه الدور: توقّف العدّ عند ${f.project(p.stoppedAt)}، أول مشروع لم تتسع له الميزانية`,
		'greedy.fundedBefore': () => 'مُوّل في مرحلة سابقة، قبل توزيع الباقي بالترتيب',
		'mes.round': (p, f) =>
			`اختير في الجولة ${f.num(p.round)} من طريقة الحصص المتساوية: دفع كل واحد من مؤيديه (عددهم: ${f.num(p.payers)}) ${f.money(p.priceCents)} على الأكثر${capped(p.capped, f)}؛ الدعم الفعلي بالأصوات: ${f.num(p.effectiveSupport)}`,
		'mes.roundPerPoint': (p, f) =>
			`اختير في الجولة ${f.num(p.round)} من طريقة الحصص المتساوية: دفع مؤيدوه (عددهم: ${f.num(p.payers)}) ${f.money(p.priceCents)} عن كل ${p.scoreKind === 'borda' ? 'نقطة بوردا' : 'نقطة'} منحوها له${capped(p.capped, f)}`,
		'mes.freeFirst': () =>
			'مجاني وله مؤيدون: يُموَّل قبل الجولة الأولى، كما تفعل طريقة الحصص المتساوية',
		'mes.freeWorthless': () =>
			'مجاني: إذا قيس بتكلفته فلا قيمة له عند مؤيديه، لذا لا تموّله طريقة الحصص المتساوية',
		'mes.onlyLastPlace': () => 'لا مؤيدين له: لم يضعه أحد فوق المرتبة الأخيرة في ترتيبه',
		'mes.sharesRanOut': (p, f) =>
			`نفدت حصص مؤيديه: كان لديهم ${f.money(p.heldCents)} من أصل تكلفته البالغة ${f.money(p.costCents)}`,
		noSupporters: () => 'لا مؤيدين له',
		'phragmen.round': (p, f) =>
			`اختير في الجولة ${f.num(p.round)} من طريقة فراغمن المتتابعة: تحمّل مؤيدوه (عددهم: ${f.num(p.supporters)}) التكلفة، فبلغ عبء كل منهم ${f.money(p.loadCents)}، وهو أدنى عبء ممكن`,
		'phragmen.roundUnsupported': (p, f) =>
			`اختير في الجولة ${f.num(p.round)} من طريقة فراغمن المتتابعة: لا يؤيده أحد، لكنه ظل ضمن الميزانية (تأتي المشاريع التي لا مؤيدين لها أخيرًا)`,
		'phragmen.overBudget': (p, f) =>
			`${none(p)}تكلفته ${f.money(p.costCents)}، أكثر من الميزانية كلها البالغة ${f.money(p.budgetCents)}`,
		'phragmen.stoppedHere': (p, f) =>
			`${none(p)}جاء دوره، لكنه كان يحتاج ${f.money(p.costCents)} ولم يبقَ إلا ${f.money(p.leftCents)}؛ تتوقف طريقة فراغمن المتتابعة عند أول مشروع لا تتسع له الميزانية`,
		'phragmen.notReached': (p, f) =>
			`${none(p)}لم يصل إليه الدور: ${p.stoppedAt === null ? 'نفدت المشاريع أمام القاعدة' : `توقفت القاعدة عندما لم تتسع الميزانية للمشروع ${f.project(p.stoppedAt)}`}`,
		'ear.freeFirst': () => 'مجاني وله مؤيدون: يُموَّل قبل المستوى الأول',
		'ear.round': (p, f) =>
			`مُوّل بالترتيب ${f.num(p.position)}، في المستوى ${f.num(p.level)}: دفع كل واحد من مؤيديه ${p.level === 1 ? 'الذين وضعوه أولًا (أو وافقوا عليه)' : `الذين وضعوه في المرتبة ${f.num(p.level)} أو أفضل`} (عددهم: ${f.num(p.payers)}) ${f.money(p.priceCents)} على الأكثر${capped(p.capped, f)}`,
		'ear.neverAffordable': (p, f) =>
			`لم يستطع مؤيدوه دفع تكلفته في أي مستوى: في النهاية كان لدى من رتّبوه ${f.money(p.heldCents)} من أصل تكلفته البالغة ${f.money(p.costCents)}`,
		'maxWelfare.inBest': (p, f) =>
			`جزء من أفضل تركيبة (${MEASURE[p.measure]}: ${f.num(p.value)} من أصل ${f.num(p.total)})`,
		'maxWelfare.notInBest': (p, f) =>
			`ليس ضمن أفضل تركيبة (كان يحتاج ${f.money(p.costCents)}، والمتبقي ${f.money(p.leftCents)})`,
		'maxWelfare.overBudget': (p, f) => `تكلفته ${f.money(p.costCents)}، أكثر من الميزانية`,
		'maxWelfare.addsNothing': (p) => `لا يضيف شيئًا إلى ${MEASURE[p.measure]}`,
		'fromFile.withdrawn': () => 'مسحوب: أُزيل من ورقة الاقتراع',
		'staff.excluded': (p, f) => `استبعده الموظفون: ${f.quote(p.note)}`,
		'staff.partial': (p, f) =>
			`موّله الموظفون جزئيًا (${f.money(p.amountCents)} من أصل ${f.money(p.costCents)}): ${f.quote(p.note)}`,
		'greedyCompletion.funded': (p, f) =>
			`أُضيف عند توزيع المال المتبقي بالترتيب: ${f.step(p.greedy)}`,
		'greedyCompletion.unfunded': (p, f) =>
			`${f.step(p.mes)}؛ وعند توزيع المال المتبقي بالترتيب: ${f.step(p.greedy)}`,
		'comparison.greedy': (p, f) =>
			`${f.step(p.greedy)}؛ اختارت خطوة المقارنة العدّ حسب الأصوات (عدد من فضّلوه: ${f.num(p.greedyVoters)}، وعدد من فضّلوا الحصص المتساوية: ${f.num(p.mesVoters)})`
	};
})();

/** Reason templates per language code (the codes of messages/*.ts). */
export const REASONS: Readonly<Record<string, ReasonTemplates>> = { en, es, ar };

/** A project as results carry it: the English reason, and `because` when the result has it. */
export interface Reasoned {
	reason: string;
	because?: Because | undefined;
}

/** The text to show and the language it is in (for the element's `lang`). */
export interface ShownReason {
	text: string;
	lang: string;
}

/**
 * A project's reason in `lang`, or the engine's English reason (lang `en`) when the result has
 * no `because` (published before it existed), the language has no templates, or the code is
 * one this web does not know (a newer API).
 */
export function showReason(
	project: Reasoned,
	lang: string,
	currency: string,
	title: (id: string) => string
): ShownReason {
	const templates = REASONS[lang];
	const fallback = { text: project.reason, lang: 'en' };
	if (!project.because || !templates) return fallback;
	const f: ReasonFormat = {
		// Isolated like titles: in Arabic text an amount such as "40,000 US$" otherwise splits
		// around its neighbours (the "$" drifts to the far side of the number).
		money: (cents) => isolate(formatMoney(cents, currency, lang)),
		num: (value) =>
			typeof value === 'number' ? formatNumber(value, lang) : formatDecimal(value, lang),
		project: (id) => isolate(title(id)),
		quote: (text) => isolate(text),
		step: (because) => render(because)
	};
	const render = (because: Because): string => {
		const template = templates[because.code] as
			((params: Because['params'], f: ReasonFormat) => string) | undefined;
		if (!template) throw new RangeError(`no template for ${because.code}`);
		return template(because.params, f);
	};
	try {
		return { text: render(project.because), lang };
	} catch {
		return fallback;
	}
}
