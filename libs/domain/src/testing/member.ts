import { MemberAccount } from '../accounts/member-account';

/** An ACTIVE member account of the given id, joined long ago: what most tests about one account need. */
export const activeMember = (id: string): MemberAccount => ({
  id,
  name: id,
  state: 'ACTIVE',
  joinedAt: '2020-01-01T00:00:00.000Z',
  isManagement: false,
});
