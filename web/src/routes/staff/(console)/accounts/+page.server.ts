import { StaffInviteBody, StaffParams, StaffRole, StaffUpdateBody, type StaffInvited, type StaffList } from '@allot/shared';
import { error, fail } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { issuesOf } from '$lib/cycle-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, fetch, locals }) => {
	const { me } = await parent();
	if (me.role !== 'admin') error(403, 'FORBIDDEN');
	const res = await createApi(fetch, locals.token).get<StaffList>('/staff');
	return { staff: res.ok ? res.data.items : [], code: res.ok ? null : res.problem.code, roles: StaffRole.options };
};

export const actions = {
	invite: async ({ request, fetch, locals }) => {
		const form = await request.formData();
		const values = { email: String(form.get('email') ?? '').trim(), displayName: String(form.get('displayName') ?? ''), role: String(form.get('role') ?? '') };
		const parsed = StaffInviteBody.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'invite', values, code: 'VALIDATION_FAILED', issues: issuesOf(parsed.error) });
		const res = await createApi(fetch, locals.token).post<StaffInvited>('/staff', parsed.data);
		if (!res.ok) {
			const { status, code, detail, errors } = res.problem;
			const issues = errors ?? (code === 'EMAIL_TAKEN' ? [{ path: 'email', message: detail ?? code }] : []);
			return fail(status, { action: 'invite', values, code, issues });
		}
		// The temporary password goes back in this one response and is never kept by the web app.
		return { action: 'invite', invited: { email: res.data.staff.email, displayName: res.data.staff.displayName, temporaryPassword: res.data.temporaryPassword } };
	},
	update: async ({ request, fetch, locals }) => {
		const form = await request.formData();
		const params = StaffParams.safeParse({ staffId: form.get('staffId') });
		const disabled = form.get('disabled');
		const body = StaffUpdateBody.safeParse({
			role: form.get('role') ?? undefined,
			disabled: disabled === null ? undefined : disabled === 'true'
		});
		if (!params.success || !body.success) return fail(400, { action: 'update', code: 'VALIDATION_FAILED', issues: body.success ? [] : issuesOf(body.error) });
		const res = await createApi(fetch, locals.token).patch(`/staff/${params.data.staffId}`, body.data);
		if (!res.ok) return fail(res.problem.status, { action: 'update', code: res.problem.code, detail: res.problem.detail, issues: [] });
		return { action: 'update', ok: true };
	}
} satisfies Actions;
