/**
 * Puts the server's field errors (problem+json `errors[]`) on the same form fields, so a person sees
 * the server's Chinese message exactly where the browser check would have shown it.
 */
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

type NamePath = (string | number)[];

/** 'areas.2.description' → ['areas', 2, 'description'] */
export function fieldPath(field: string): NamePath {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Applies field errors to the form; returns true when at least one landed on a known field.
 * `alias` maps server field names to form names when they differ.
 */
export function applyServerErrors(form: FormInstance, err: unknown, alias: Record<string, string> = {}): boolean {
  if (!(err instanceof ApiError) || err.errors.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const e of err.errors) {
    const name = alias[e.field] ?? e.field;
    byField.set(name, [...(byField.get(name) ?? []), e.message]);
  }
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = [...byField.entries()]
    .filter(([name]) => known.has(fieldPath(name)[0] as string))
    .map(([name, errors]) => ({ name: fieldPath(name), errors }));
  if (fields.length > 0) form.setFields(fields);
  return fields.length > 0;
}
