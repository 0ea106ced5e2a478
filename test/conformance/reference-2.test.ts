/**
 * Conformance with pabutools 1.2.3 and the cities' outcomes, shard 2 of 2 (the suite is in
 * reference-suite.ts; two files let vitest use both cores).
 */
import { defineReferenceSuite } from './reference-suite.ts';

defineReferenceSuite(1, 2);
