declare global {
	namespace App {
		interface Locals {
			/** API token from the httpOnly session cookie, if any */
			token?: string;
			/** a code of a file in $lib/i18n/messages */
			lang: string;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
