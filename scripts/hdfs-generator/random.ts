/**
 * The simulation's random choices, drawn from the engine's seeded generator (createRng in
 * src/analysis/models/random.ts): one generator, so the same seed and options give the same bytes.
 */
import { createRng, type Rng } from '../../src/analysis';

export class SimulationRandom {
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = createRng(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.rng.next();
  }

  /** Uniform integer in [min, max). */
  int(min: number, max: number): number {
    return min + this.rng.nextInt(max - min);
  }

  uniform(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.rng.nextInt(items.length)];
  }

  /** Number of successes before the first failure, each with probability `p`. */
  geometric(p: number): number {
    let count = 0;
    while (this.float() < p) count++;
    return count;
  }
}
