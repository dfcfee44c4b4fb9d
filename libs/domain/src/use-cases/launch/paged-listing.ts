import { ClockPort } from '../../ports/clock.port';
import { OrganizationStructurePort } from '../../ports/organization-structure.port';
import { OrganizationPort } from '../../ports/organization.port';
import { instantText } from '../../shared/instant-text';
import { isActiveMember, ListedPage, listPages } from '../../organization/organization-walk';
import { ListedAccounts } from './listed-accounts';
import { ListedBatch, ListingKind, ListingStrategy } from './listing-strategy';

/** ListAccounts pages listed, stored and enqueued together (1,000 accounts). */
export const PAGES_PER_BATCH = 50;

/**
 * The organization listed page by page from a stored cursor: flat ListAccounts pages (no OUs known),
 * or a walk of the tree (calls per OU, each account with the OUs above it, for OU rules). A batch
 * reads up to {@link PAGES_PER_BATCH} pages, and stops early at `batchEndsAt` after its first page.
 */
export class PagedListing implements ListingStrategy {
  readonly paged = true;
  private readonly pages: AsyncIterator<ListedPage>;
  private cursor: string | undefined;

  constructor(
    readonly kind: Extract<ListingKind, 'FLAT' | 'TREE_WALK'>,
    organization: OrganizationPort,
    structure: OrganizationStructurePort,
    private readonly listing: ListedAccounts,
    private readonly clock: ClockPort,
    cursor: string | undefined,
  ) {
    this.cursor = cursor;
    this.pages = listPages(organization, structure, kind === 'TREE_WALK', cursor)[Symbol.asyncIterator]();
  }

  async next(batchEndsAt: number): Promise<ListedBatch> {
    let ended = false;
    for (let n = 0; n < PAGES_PER_BATCH && !ended && (n === 0 || this.clock.now() < batchEndsAt); n += 1) {
      const page = await this.pages.next();
      if (page.done) {
        ended = true;
        break;
      }
      // A skip is dated when its page was read: the tree it was decided on (an account may move before the batch is stored).
      const readAt = instantText(this.clock.now());
      for (const { account, units } of page.value.accounts) if (isActiveMember(account)) this.listing.add(account.id, units, readAt);
      this.cursor = page.value.next;
      ended = this.cursor === undefined;
    }
    // The batch's last item may be smaller: the stored cursor must leave no listed account behind.
    const { ids, skips } = this.listing.take(instantText(this.clock.now()));
    return { ids, skips, listCursor: this.cursor, ended };
  }
}
