/** Zod schemas of the virtual exhibition hall API (云展厅): booths, their linked items and contact requests. */
import { z } from 'zod';
import { listOf, pagingQuery } from './common.ts';

export const ITEM_TYPES = ['roadshow_project', 'result', 'resource', 'demand'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
export const BOOTH_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type BoothStatus = (typeof BOOTH_STATUSES)[number];
export const REQUEST_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type ContactRequestStatus = (typeof REQUEST_STATUSES)[number];

export const BoothItemRef = z.object({ type: z.enum(ITEM_TYPES), id: z.string().min(1).max(100) });
export type BoothItemRef = z.infer<typeof BoothItemRef>;

export const BoothBody = z.object({
  title: z.string().trim().min(1, '请填写展位名称').max(100),
  intro: z.string().trim().min(1, '请填写展位简介').max(2000),
  contactName: z.string().trim().min(1, '请填写联系人').max(50),
  contactPhone: z.string().trim().max(30).optional(),
  contactEmail: z.string().trim().email('邮箱格式不正确').max(200).optional().or(z.literal('')),
  items: z.array(BoothItemRef).max(30).default([]),
});
export type BoothBody = z.infer<typeof BoothBody>;
export type BoothInput = z.input<typeof BoothBody>;
export const BoothUpdateBody = BoothBody.partial();
export type BoothUpdateBody = z.infer<typeof BoothUpdateBody>;

export const BoothItemView = z.object({
  type: z.enum(ITEM_TYPES),
  id: z.string(),
  title: z.string(),
  /** False when the linked record is not (or no longer) public; only the exhibitor and the staff see such items. */
  public: z.boolean(),
});
export type BoothItemView = z.infer<typeof BoothItemView>;

export const BoothView = z.object({
  id: z.string(),
  themeDay: z.object({ id: z.string(), title: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  intro: z.string(),
  items: z.array(BoothItemView),
  status: z.enum(BOOTH_STATUSES),
  reviewNote: z.string().nullable(),
  /** Contact person: only for the exhibitor, the host staff and visitors whose contact request was accepted. */
  contact: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
  myRequest: z.object({ id: z.string(), status: z.enum(REQUEST_STATUSES) }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({
    edit: z.boolean(),
    review: z.boolean(),
    requestContact: z.boolean(),
    viewRequests: z.boolean(),
  }),
});
export type BoothView = z.infer<typeof BoothView>;

const listBase = {
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(24),
  sort: z.enum(['title', 'createdAt', 'updatedAt']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
};
export const PublicBoothQuery = z.object(listBase);
export type PublicBoothQuery = z.infer<typeof PublicBoothQuery>;
export const BoothListQuery = z.object({
  ...listBase,
  /** mine: the active organisation's booths; review: booths of theme days the caller runs as host staff. */
  scope: z.enum(['mine', 'review']).default('mine'),
  themeDayId: z.string().max(100).optional(),
  status: z.enum(BOOTH_STATUSES).optional(),
});
export type BoothListQuery = z.infer<typeof BoothListQuery>;
export const BoothList = listOf(BoothView);
export type BoothList = z.infer<typeof BoothList>;

export const ReviewBody = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(500).optional(),
});
export type ReviewBody = z.infer<typeof ReviewBody>;

export const ContactRequestBody = z.object({ message: z.string().trim().min(1, '请填写留言').max(1000) });
export type ContactRequestBody = z.infer<typeof ContactRequestBody>;
export const DecideBody = z.object({ decision: z.enum(['accept', 'decline']) });
export type DecideBody = z.infer<typeof DecideBody>;

export const ContactRequestView = z.object({
  id: z.string(),
  booth: z.object({ id: z.string(), title: z.string(), organisationName: z.string() }),
  requester: z.object({ id: z.string(), name: z.string(), organisationName: z.string().nullable() }),
  message: z.string(),
  status: z.enum(REQUEST_STATUSES),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ decide: z.boolean() }),
});
export type ContactRequestView = z.infer<typeof ContactRequestView>;
export const ContactRequestQuery = z.object({
  direction: z.enum(['incoming', 'outgoing']).default('incoming'),
  status: z.enum(REQUEST_STATUSES).optional(),
  ...pagingQuery({ order: 'desc' }),
  sort: z.enum(['createdAt']).default('createdAt'),
});
export type ContactRequestQuery = z.infer<typeof ContactRequestQuery>;
export const ContactRequestList = listOf(ContactRequestView);
export type ContactRequestList = z.infer<typeof ContactRequestList>;
