import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		// `npm run dev --workspace @allot/web` proxies the API started by `npm run dev`.
		proxy: { '/api': process.env.ALLOT_API_ORIGIN ?? 'http://127.0.0.1:3000' }
	}
});
