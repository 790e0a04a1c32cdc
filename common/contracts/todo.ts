/** Request and response shapes of the workspace to-do list (server/modules/todo). */
import { z } from 'zod';

/** Overdue or within 3 days: danger; within 14 days: warning; otherwise (or no due date) info. */
export const TODO_SEVERITIES = ['info', 'warning', 'danger'] as const;
export type TodoSeverity = (typeof TODO_SEVERITIES)[number];

export const TodoItem = z.object({
  /** Stable key: kind and the record it is about. */
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string(),
  dueAt: z.string().nullable(),
  link: z.string(),
  severity: z.enum(TODO_SEVERITIES),
  /** Someone's request awaiting my answer (issue 12 §2), as opposed to my own work. */
  awaitsAnswer: z.boolean().optional(),
});
export type TodoItem = z.infer<typeof TodoItem>;

/** `dueWithinDays` empty means the default window (14 days); absent means every item. */
export const TodoQuery = z.object({
  dueWithinDays: z.union([z.literal(''), z.coerce.number().int().min(1).max(366)]).optional(),
});
export type TodoQuery = z.infer<typeof TodoQuery>;

export const TodoList = z.object({ items: z.array(TodoItem), total: z.number().int(), dueSoon: z.number().int() });
export type TodoList = z.infer<typeof TodoList>;
