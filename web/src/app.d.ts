declare global {
	namespace App {
		interface Locals {
			/** API token from the httpOnly session cookie, if any */
			token?: string;
			lang: 'en' | 'es' | 'ar';
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
