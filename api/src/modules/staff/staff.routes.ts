import {
	StaffInviteBody,
	StaffInvited,
	StaffList,
	StaffMember,
	StaffParams,
	StaffUpdateBody
} from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { inviteStaff, listStaff, updateStaff } from './staff.service.ts';

const meta = { tags: ['Staff'], security: [{ bearer: [] }] };

export const staffRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	app.addHook('onRequest', app.authenticate);
	app.get(
		'/staff',
		{ schema: { response: { 200: StaffList }, summary: 'Staff accounts (admin)', ...meta } },
		async (req) => listStaff(deps, req.actor)
	);
	app.post(
		'/staff',
		{
			schema: {
				body: StaffInviteBody,
				response: { 201: StaffInvited },
				summary: 'Invite a staff member: the temporary password is shown once (admin)',
				...meta
			}
		},
		async (req, reply) => reply.code(201).send(await inviteStaff(deps, req.actor, req.body))
	);
	app.patch(
		'/staff/:staffId',
		{
			schema: {
				params: StaffParams,
				body: StaffUpdateBody,
				response: { 200: StaffMember },
				summary: 'Rename, change the role of, disable or re-enable a staff member (admin)',
				...meta
			}
		},
		async (req) => updateStaff(deps, req.actor, req.params.staffId, req.body)
	);
};
