/**
 * Automatic reviewer assignment — a pure function, no I/O.
 *
 * 417号 三(三): NDRC "会同有关部门" weighs the plans, so each plan is read by reviewers of the guiding
 * departments. The owner asks for `perPlan` reviewers per plan; we fill the gaps in rounds (one reviewer
 * per plan per round, so no plan is starved), hardest plans first (fewest eligible reviewers), and for
 * each pick take the eligible reviewer with the least load, then one whose department the plan does not
 * have yet, then by name and id — so the result is deterministic. A reviewer is never eligible for a plan
 * whose host or partner base is run by one of the reviewer's organisations.
 */
export interface AutoPlan {
  id: string;
  /** Organisations running the host base and the partner bases. */
  conflictOrgIds: string[];
  /** Reviewers already assigned to this plan. */
  assignedReviewerIds: string[];
}

export interface AutoReviewer {
  id: string;
  name: string;
  department: string | null;
  /** Every organisation the reviewer belongs to. */
  orgIds: string[];
}

export interface AutoAssignInput {
  plans: AutoPlan[];
  reviewers: AutoReviewer[];
  /** Assignments each reviewer already holds in the programme. */
  load: Map<string, number>;
  perPlan: number;
}

export interface AutoAssignResult {
  assignments: { planId: string; reviewerId: string }[];
  /** Plans left with fewer than perPlan reviewers, and how many they have. */
  understaffed: { planId: string; assigned: number; needed: number }[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function autoAssign(input: AutoAssignInput): AutoAssignResult {
  const load = new Map(input.load);
  const byId = new Map(input.reviewers.map((r) => [r.id, r]));
  const conflicts = (p: AutoPlan, r: AutoReviewer) => r.orgIds.some((o) => p.conflictOrgIds.includes(o));
  const state = input.plans.map((p) => ({
    plan: p,
    current: new Set(p.assignedReviewerIds),
    departments: new Set(p.assignedReviewerIds.map((id) => byId.get(id)?.department ?? null).filter((d) => d !== null)),
    eligible: input.reviewers.filter((r) => !conflicts(p, r)).length,
  }));
  state.sort((a, b) => a.eligible - b.eligible || cmp(a.plan.id, b.plan.id));
  const assignments: AutoAssignResult['assignments'] = [];

  for (let round = 0; round < input.perPlan; round++) {
    for (const s of state) {
      if (s.current.size >= input.perPlan) continue;
      const candidates = input.reviewers.filter((r) => !s.current.has(r.id) && !conflicts(s.plan, r));
      candidates.sort(
        (a, b) =>
          (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) ||
          Number(a.department !== null && s.departments.has(a.department)) -
            Number(b.department !== null && s.departments.has(b.department)) ||
          cmp(a.name, b.name) ||
          cmp(a.id, b.id),
      );
      const pick = candidates[0];
      if (!pick) continue;
      s.current.add(pick.id);
      if (pick.department) s.departments.add(pick.department);
      load.set(pick.id, (load.get(pick.id) ?? 0) + 1);
      assignments.push({ planId: s.plan.id, reviewerId: pick.id });
    }
  }
  const understaffed = state
    .filter((s) => s.current.size < input.perPlan)
    .map((s) => ({ planId: s.plan.id, assigned: s.current.size, needed: input.perPlan }));
  return { assignments, understaffed };
}
