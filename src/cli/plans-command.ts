/** `ntm-awards plans`: the shipped plans, one a line. */
import { shippedPlans } from '../plans';

export function listPlans(): string {
  return shippedPlans()
    .map((p) => `${p.plan.id.padEnd(18)} ${p.plan.issuer} — ${p.plan.title}`)
    .join('\n');
}
