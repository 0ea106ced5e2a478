/** The demo cycle: Boston-like "Youth Lead the Change", $1M, ages 12–25, rank up to 5. */
export const demoCycle = {
	phase: 'voting' as const,
	slug: 'youth-lead-the-change-2027',
	name: 'Youth Lead the Change 2027',
	description:
		'Young people aged 12 to 25 decide how to spend $1,000,000 of the city capital budget. ' +
		'Rank up to five projects; the winners are computed with a published rule anyone can re-run.',
	potCents: 1_000_000_00,
	currency: 'USD',
	categories: ['parks', 'schools', 'streets', 'arts', 'technology', 'health'],
	neighborhoods: ['Dorchester', 'Roxbury', 'East Boston', 'Mattapan', 'Jamaica Plain', 'Allston'],
	eligibility: {
		minAge: 12,
		maxAge: 25,
		asOf: '2027-04-01',
		residency: ['live', 'work', 'school']
	},
	ballotRules: { kind: 'ranked', minRanks: 1, maxRanks: 5 },
	allocation: { rule: 'greedy', score: 'pabulib-borda', tie: 'lexicographic' }
};

type DemoProject = {
	code: string;
	title: string;
	summary: string;
	costCents: number;
	category: string;
	es: string;
	ar: string;
};

export const demoProjects: DemoProject[] = [
	{
		code: 'P01',
		title: 'Lights for the Franklin Park skate spot',
		summary: 'LED lighting so the skate park stays safe and open until 9 pm.',
		costCents: 180_000_00,
		category: 'parks',
		es: 'Luces para el skatepark de Franklin Park',
		ar: 'إنارة لساحة التزلج في فرانكلين بارك'
	},
	{
		code: 'P02',
		title: 'Free Wi-Fi at six community centres',
		summary: 'Fast public Wi-Fi where young people study after school.',
		costCents: 150_000_00,
		category: 'technology',
		es: 'Wi-Fi gratis en seis centros comunitarios',
		ar: 'إنترنت لاسلكي مجاني في ستة مراكز مجتمعية'
	},
	{
		code: 'P03',
		title: 'Water bottle filling stations in 10 high schools',
		summary: 'Cold filtered water, fewer plastic bottles.',
		costCents: 90_000_00,
		category: 'schools',
		es: 'Estaciones de agua en 10 escuelas secundarias',
		ar: 'محطات تعبئة مياه في عشر مدارس ثانوية'
	},
	{
		code: 'P04',
		title: 'Renovate the Ronan Park basketball courts',
		summary: 'New surface, hoops and benches for two full courts.',
		costCents: 260_000_00,
		category: 'parks',
		es: 'Renovar las canchas de baloncesto de Ronan Park',
		ar: 'تجديد ملاعب كرة السلة في رونان بارك'
	},
	{
		code: 'P05',
		title: 'Youth murals on 8 underpasses',
		summary: 'Paid young artists turn grey walls into public art.',
		costCents: 75_000_00,
		category: 'arts',
		es: 'Murales juveniles en 8 pasos subterráneos',
		ar: 'جداريات شبابية على ثمانية أنفاق'
	},
	{
		code: 'P06',
		title: 'Safer crossings near Madison Park',
		summary: 'Raised crosswalks and flashing beacons on the routes to school.',
		costCents: 220_000_00,
		category: 'streets',
		es: 'Cruces más seguros cerca de Madison Park',
		ar: 'معابر أكثر أمانًا قرب ماديسون بارك'
	},
	{
		code: 'P07',
		title: 'Solar charging benches',
		summary: 'Twelve benches that charge phones in parks and squares.',
		costCents: 60_000_00,
		category: 'technology',
		es: 'Bancos solares para cargar teléfonos',
		ar: 'مقاعد شمسية لشحن الهواتف'
	},
	{
		code: 'P08',
		title: 'Outdoor fitness stations in Mattapan',
		summary: 'Free outdoor gym equipment with accessible stations.',
		costCents: 120_000_00,
		category: 'health',
		es: 'Estaciones de ejercicio al aire libre en Mattapan',
		ar: 'محطات لياقة في الهواء الطلق في ماتابان'
	},
	{
		code: 'P09',
		title: 'Music and podcast studio at the library',
		summary: 'A soundproof room with recording gear, free to book.',
		costCents: 95_000_00,
		category: 'arts',
		es: 'Estudio de música y pódcast en la biblioteca',
		ar: 'استوديو موسيقى وبودكاست في المكتبة'
	},
	{
		code: 'P10',
		title: 'Protected bike lanes on Blue Hill Ave',
		summary: 'A mile of separated bike lane linking two high schools.',
		costCents: 340_000_00,
		category: 'streets',
		es: 'Carriles bici protegidos en Blue Hill Ave',
		ar: 'مسارات دراجات محمية في شارع بلو هيل'
	},
	{
		code: 'P11',
		title: 'Shade trees and picnic tables for schoolyards',
		summary: 'Cooler schoolyards with 60 trees and 20 tables.',
		costCents: 110_000_00,
		category: 'schools',
		es: 'Árboles de sombra y mesas para patios escolares',
		ar: 'أشجار ظل وطاولات للساحات المدرسية'
	},
	{
		code: 'P12',
		title: 'Laptops to lend at teen centres',
		summary: '200 laptops young people can borrow like library books.',
		costCents: 140_000_00,
		category: 'technology',
		es: 'Portátiles en préstamo en centros juveniles',
		ar: 'حواسيب محمولة للإعارة في مراكز الشباب'
	}
];
