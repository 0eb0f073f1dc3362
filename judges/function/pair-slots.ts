/**
 * Run slots for function-mode pairs. A slot stands for a core; in the local sandbox a pair's two
 * sides take turns (the tester calls, the candidate answers), so one pair keeps about 0.7 of a core
 * busy and a slot that holds only one pair leaves its core idle between messages. Here up to
 * `perSlot` pairs (the backend's Sandbox.pairsPerSlot) share one slot taken from the grader's slots:
 * the cores stay busy while other work (compiles, stdio runs) still queues for the same slots, and a
 * slot goes back as soon as its last pair ends.
 */

/** The grader's slots (judges/grade.ts RunSlots), by shape: this module sits below grade.ts. */
export interface SlotRunner {
  run<T>(task: () => Promise<T>): Promise<T>;
}


interface HeldSlot {
  pairs: number;
  release: () => void;
}

export class PairSlots {
  private readonly held = new Set<HeldSlot>();
  private readonly waiting: ((slot: HeldSlot) => void)[] = [];
  /** Slots asked of the grader's pool and not yet granted. */
  private requested = 0;

  constructor(
    private readonly slots: SlotRunner,
    private readonly perSlot: number,
  ) {}

  /** Runs one pair in a shared slot. */
  async run<T>(pair: () => Promise<T>): Promise<T> {
    const slot = await this.enter();
    try {
      return await pair();
    } finally {
      this.leave(slot);
    }
  }

  private enter(): Promise<HeldSlot> {
    for (const slot of this.held) {
      if (slot.pairs < this.perSlot) {
        slot.pairs++;
        return Promise.resolve(slot);
      }
    }
    return new Promise<HeldSlot>((resolve) => {
      this.waiting.push(resolve);
      this.request();
    });
  }

  /** Asks the pool for one more slot unless the slots already asked for can take every waiting pair. */
  private request(): void {
    if (this.requested * this.perSlot >= this.waiting.length) return;
    this.requested++;
    void this.slots.run(
      () =>
        new Promise<void>((release) => {
          this.requested--;
          const slot: HeldSlot = { pairs: 0, release };
          this.held.add(slot);
          while (slot.pairs < this.perSlot && this.waiting.length > 0) this.admit(slot);
          if (slot.pairs === 0) this.giveBack(slot);
        }),
    );
  }

  private admit(slot: HeldSlot): void {
    const next = this.waiting.shift();
    if (!next) return;
    slot.pairs++;
    next(slot);
  }

  private leave(slot: HeldSlot): void {
    slot.pairs--;
    if (this.waiting.length > 0) this.admit(slot);
    else if (slot.pairs === 0) this.giveBack(slot);
  }

  private giveBack(slot: HeldSlot): void {
    this.held.delete(slot);
    slot.release();
  }
}

const shared = new WeakMap<SlotRunner, Map<number, PairSlots>>();

/**
 * The pair slots over `slots`, one per pool and sharing, so every sample graded against the pool
 * shares them; `perSlot` is the backend's Sandbox.pairsPerSlot.
 */
export function pairSlotsFor(slots: SlotRunner, perSlot: number): PairSlots {
  let byShare = shared.get(slots);
  if (!byShare) {
    byShare = new Map();
    shared.set(slots, byShare);
  }
  const share = Math.max(1, Math.floor(perSlot));
  let pairSlots = byShare.get(share);
  if (!pairSlots) {
    pairSlots = new PairSlots(slots, share);
    byShare.set(share, pairSlots);
  }
  return pairSlots;
}
