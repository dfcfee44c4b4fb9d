import { finishIsDue, ItemCompletion } from './finish-claim';

const completion = (patch: Partial<ItemCompletion> = {}): ItemCompletion => ({
  launch: 'LAUNCHED',
  remaining: 0,
  finishClaimed: false,
  ...patch,
});

describe('finishIsDue', () => {
  it('is due once a launched run has no item left and nobody claimed its finish', () => {
    expect(finishIsDue(completion())).toBe(true);
  });

  it('is not due while items remain, while the run still launches (its count is not final), once claimed, or for an unknown item', () => {
    expect(finishIsDue(completion({ remaining: 1 }))).toBe(false);
    expect(finishIsDue(completion({ launch: 'CLAIMED' }))).toBe(false);
    expect(finishIsDue(completion({ launch: 'CREATED', remaining: -3 }))).toBe(false);
    expect(finishIsDue(completion({ finishClaimed: true }))).toBe(false);
    expect(finishIsDue(undefined)).toBe(false);
  });

  it('is due when more items are counted done than the run lists (items of an older listing)', () => {
    expect(finishIsDue(completion({ remaining: -1 }))).toBe(true);
  });
});
