/**
 * One preliminary plan (活动初步计划). For the base administrator while it is editable: the editor with
 * the live check beside it (save draft, submit, withdraw). For everyone else who may see it: the plan
 * as submitted, with the owner's actions (return for revision, assign reviewers) as the server allows.
 */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Plan, Programme } from '../../../api/types.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { PlanEditor } from './plan/PlanEditor.tsx';
import { PlanView } from './plan/PlanView.tsx';

export function PlanPage() {
  const { id } = useParams();
  const plan = useQuery({ queryKey: ['plan', id], queryFn: () => api.get<Plan>(`/plans/${id}`) });
  const programme = useQuery({
    queryKey: ['programme', plan.data?.programmeId],
    queryFn: () => api.get<Programme>(`/programmes/${plan.data?.programmeId}`),
    enabled: !!plan.data,
  });
  return (
    <QueryState
      isLoading={plan.isLoading || programme.isLoading}
      error={plan.error ?? programme.error}
      refetch={() => void plan.refetch()}
    >
      {plan.data && programme.data ? (
        plan.data.abilities.edit ? (
          <PlanEditor plan={plan.data} programme={programme.data} />
        ) : (
          <PlanView plan={plan.data} programme={programme.data} />
        )
      ) : null}
    </QueryState>
  );
}
