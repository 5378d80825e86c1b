import { qfBracketsSchema } from './settings';

type Bounds = { min: number | null; max: number | null };

/** Whether bracket `a` lies above bracket `b`: higher `max` (open is highest), then higher `min`. */
function isHigher(a: Bounds, b: Bounds): boolean {
  const aMax = a.max ?? Number.POSITIVE_INFINITY;
  const bMax = b.max ?? Number.POSITIVE_INFINITY;
  if (aMax !== bMax) return aMax > bMax;
  return (a.min ?? Number.NEGATIVE_INFINITY) > (b.min ?? Number.NEGATIVE_INFINITY);
}

/**
 * The label of the tariff bracket for a quotient familial (QF).
 *
 * Rule (DOMAIN.md decision "QF", §6.1): brackets are explicit intervals with *inclusive* bounds as
 * configured (`min ≤ qf ≤ max`, `null` for an open end), so the configuration decides on which side
 * a bound such as 660 falls. A family whose QF is unknown (`null`) takes the top bracket, the one with
 * the highest bounds (an open `max` is highest; ties go to the highest `min`). Throws when no bracket
 * contains the QF (a gap in the grid) or when several do (overlapping brackets): a tariff must never
 * be picked by accident.
 */
export function qfBracket(
  brackets: Array<{ min: number | null; max: number | null; label: string }>,
  qf: number | null,
): string {
  const parsed = qfBracketsSchema.safeParse(brackets);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(brackets)'}: ${i.message}`)
      .join('; ');
    throw new Error(`qfBracket: invalid brackets: ${issues}`);
  }
  const grid = parsed.data;
  if (qf === null) {
    // The schema guarantees at least one bracket, so reduce has a start value.
    return grid.reduce((top, b) => (isHigher(b, top) ? b : top)).label;
  }
  if (typeof qf !== 'number' || !Number.isFinite(qf) || qf < 0) {
    throw new Error(`qfBracket: invalid QF ${String(qf)}: expected a number ≥ 0 or null`);
  }
  const matches = grid.filter((b) => (b.min === null || b.min <= qf) && (b.max === null || qf <= b.max));
  if (matches.length === 0) throw new Error(`qfBracket: no bracket contains QF ${qf} (gap in the grid)`);
  if (matches.length > 1) {
    throw new Error(
      `qfBracket: QF ${qf} falls in several brackets (${matches.map((b) => b.label).join(', ')}): overlapping grid`,
    );
  }
  return (matches[0] as { label: string }).label;
}
