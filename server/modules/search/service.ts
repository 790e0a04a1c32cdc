/**
 * The search service of one app server: an in-memory SearchIndex (server/engines/search) over every item
 * the public may see, plus the organisations that could meet a demand, kept fresh OFF the request path.
 *
 * - Start: `start()` reads the database in pages (yielding to the event loop between pages, so requests
 *   keep being served) and builds the index; searches that arrive meanwhile wait for it.
 * - Fresh: every SEARCH_REFRESH_SECONDS a background refresh reads the rows whose `updated_at` reached
 *   the watermark (minus an overlap, so a transaction that committed late or a neighbour server with a
 *   slightly slow clock is not missed), re-indexes those whose content changed and removes those that are
 *   no longer public. A write request never waits for indexing; another server sees a change within one
 *   interval. `refresh()` runs one now (tests force it); runs are serialised.
 * - Recommendations (recommend.ts) are cached per subject; a refresh that changed anything invalidates
 *   the caches and recomputes them in the background in small time slices.
 *
 * Results are identical on SQLite and PostgreSQL: the database only stores the items; tokenising and
 * ranking happen here, and ties are broken by id.
 */
import { industryName } from '../../../common/industry.ts';
import type { EnterpriseSize } from '../../../common/enterprise-size.ts';
import type { Db } from '../../db/index.ts';
import { canonicalIndustry, highlightText, SearchIndex, type SearchFilter } from '../../engines/search/index.ts';
import {
  RecommendationCache,
  type MatchDoc,
  type MatchSubject,
  type Recommendation,
} from '../../engines/search/recommend.ts';
import { analyzeQuery } from '../../engines/search/tokenize.ts';
import {
  maxUpdatedAt,
  readMeetingProfiles,
  readOrganisations,
  readPartners,
  readSource,
  SOURCES,
  type ItemRecord,
  type OrgRecord,
  type SourceName,
} from './repository.ts';
import {
  SEARCH_TYPE_LABELS,
  SEARCH_TYPES,
  type ForMe,
  type Rec,
  type SearchItem,
  type SearchQuery,
  type SearchResponse,
  type SearchType,
} from '../../../common/contracts/search.ts';
import type { DemandRow } from '../demands/repository.ts';
import { links } from '../../../common/links.ts';
import { syncLexicon } from '../lexicon/sync.ts';

/** What the service logs through (the app's logger; the plugin passes `app.log`). */
export interface Logger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Rows read per database round trip. */
const PAGE = 1000;
/** How far back from the watermark each refresh looks again (late commits, clock skew between servers). */
export const OVERLAP_MS = 5 * 60_000;
/** Organisations that can meet a demand (not government, investors, support organisations, evaluators). */
const REC_ORG_KINDS = new Set(['enterprise', 'university', 'institute']);
/** Item types on the supply side (what an organisation offers). */
const SUPPLY_TYPES = new Set<SearchType>(['resource', 'technology', 'result']);
const SIZES: ReadonlySet<string> = new Set<EnterpriseSize>(['large', 'medium', 'small', 'micro']);
const isSize = (s: string | null): s is EnterpriseSize => s !== null && SIZES.has(s);
/** Recommendations shown per list. */
const REC_LIMIT = 10;
/** Subjects per recommendation cache (least recently read ones are dropped and computed again on read). */
const MAX_SUBJECTS = 2000;
/** Rows tokenised between two yields to the event loop while building. */
const SLICE = 200;

/** The portal page of a found item (docking sessions and alliances both open under /docking/). */
export const itemLink = (type: SearchType | 'organisation', id: string): string =>
  ({
    resource: links.resource,
    demand: links.demand,
    technology: links.technology,
    result: links.result,
    event: links.dockingSession,
    organisation: links.organisation,
  })[type](id);

interface Indexed {
  rec: ItemRecord;
  /** what the index holds, serialised: a refresh re-indexes only when it differs */
  sig: string;
  industry: string | null;
  region: string | null;
}

/** A demand as the recommender sees it (a row of the demands table and its organisation). */
export interface DemandSubject {
  id: string;
  organisationId: string;
  title: string;
  description: string;
  indicators: string | null;
  fieldCode: string;
  regionCode: string | null;
  themeDayId: string | null;
}

/** The recommender's subject for a demand row; `regionCode`: its organisation's region. */
export const demandSubject = (
  d: Pick<DemandRow, 'id' | 'organisation_id' | 'title' | 'description' | 'indicators' | 'field_code' | 'theme_day_id'>,
  regionCode: string | null,
): DemandSubject => ({
  id: d.id,
  organisationId: d.organisation_id,
  title: d.title,
  description: d.description,
  indicators: d.indicators,
  fieldCode: d.field_code,
  regionCode,
  themeDayId: d.theme_day_id,
});

export class SearchService {
  readonly index = new SearchIndex();
  private items = new Map<string, Indexed>();
  private orgs = new Map<string, OrgRecord>();
  private orgDocSig = new Map<string, string>();
  private itemsByOrg = new Map<string, Set<string>>();
  /** Public item ids, newest first (publishedAt desc, id asc): the order of a search without text. */
  private order: string[] = [];
  private watermarks = new Map<SourceName | 'organisations', string | null>();

  // Each cache keeps the most recently read subjects only: after a change all of them are recomputed.
  private readonly demandRecs = new RecommendationCache(this.index, { limit: 50 }, MAX_SUBJECTS);
  private readonly orgDemandRecs = new RecommendationCache(
    this.index,
    { types: ['demand', 'technology'], limit: 50 },
    MAX_SUBJECTS,
  );
  private readonly orgResourceRecs = new RecommendationCache(
    this.index,
    { types: ['resource'], limit: 50 },
    MAX_SUBJECTS,
  );
  /** Settles when the background recomputation started by the last refresh is done. */
  private recsSettled: Promise<unknown> = Promise.resolve();

  private readyPromise: Promise<void> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  /** Builds the index from the database (once) and starts the background refresher. */
  start(refreshSeconds: number): void {
    void this.ready();
    if (refreshSeconds > 0 && this.timer === undefined) {
      this.timer = setInterval(() => {
        // never pile up: a slow refresh simply delays the next one
        if (this.running || this.closed) return;
        this.refreshIndex().catch((err: unknown) => this.log.error({ err }, 'search refresh failed'));
      }, refreshSeconds * 1000);
      this.timer.unref();
    }
  }

  /** Resolves when the start-up build is done (starting it if needed). */
  ready(): Promise<void> {
    this.readyPromise ??= this.build().catch((err: unknown) => {
      // A failed build leaves the watermarks empty, so the next refresh reads everything again.
      this.watermarks.clear();
      this.log.error({ err }, 'search index build failed');
    });
    return this.readyPromise;
  }

  /**
   * Pulls changed items into the index now and waits until the recommendations are recomputed too
   * (what tests need to see a deterministic state); serialised with the background refresher.
   */
  async refresh(): Promise<void> {
    await this.refreshIndex();
    await this.recsSettled;
  }

  /** One refresh of the index; the recommendation caches recompute afterwards in the background. */
  private refreshIndex(): Promise<void> {
    const run = this.chain.then(async () => {
      await this.ready();
      if (this.closed) return;
      this.running = true;
      try {
        await this.refreshOnce();
      } finally {
        this.running = false;
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Stops the refresher and waits for work in flight (the database closes after the app). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.readyPromise;
    await this.chain;
  }

  // ----- loading -------------------------------------------------------------------------------------------

  private async build(): Promise<void> {
    const started = performance.now();
    // Administrators' lexicon entries before anything is analysed, so that their words are cut as one unit.
    await syncLexicon(this.db, true);
    // Watermarks first: whatever is written while the pages are read has a later updated_at and is
    // picked up by the first refresh.
    for (const t of [...SOURCES, 'organisations'] as const) this.watermarks.set(t, await maxUpdatedAt(this.db, t));
    for (let afterId: string | undefined; ;) {
      const rows = await readOrganisations(this.db, { limit: PAGE, ...(afterId !== undefined ? { afterId } : {}) });
      for (const o of rows) this.orgs.set(o.id, o);
      if (rows.length < PAGE) break;
      afterId = rows[rows.length - 1]!.id;
    }
    this.index.autoCompact = false;
    try {
      for (const source of SOURCES) {
        for (let afterId: string | undefined; ;) {
          if (this.closed) return;
          const rows = await readSource(this.db, source, {
            onlyVisible: true,
            limit: PAGE,
            ...(afterId !== undefined ? { afterId } : {}),
          });
          for (let i = 0; i < rows.length; i++) {
            this.apply(rows[i]!, new Set());
            if (i % SLICE === SLICE - 1) await yieldToEventLoop();
          }
          if (rows.length < PAGE) break;
          afterId = rows[rows.length - 1]!.id;
        }
      }
      let n = 0;
      for (const id of [...this.orgs.keys()]) {
        this.syncOrgDoc(id);
        if (++n % SLICE === 0) await yieldToEventLoop();
      }
    } finally {
      this.index.autoCompact = true;
    }
    this.index.compact();
    // the spelling structures over the whole vocabulary, now rather than on the first mistyped query
    this.index.warmSpeller();
    this.rebuildOrder();
    this.log.info({ items: this.items.size, ms: Math.round(performance.now() - started) }, 'search index built');
  }

  private since(t: SourceName | 'organisations'): string | undefined {
    const w = this.watermarks.get(t);
    return w == null ? undefined : new Date(Date.parse(w) - OVERLAP_MS).toISOString();
  }

  private advance(t: SourceName | 'organisations', seen: string): void {
    const w = this.watermarks.get(t);
    if (w == null || seen > w) this.watermarks.set(t, seen);
  }

  private async refreshOnce(): Promise<void> {
    // another app server may have changed the lexicon: the next searches expand with its entries
    await syncLexicon(this.db, true);
    let changed = false;
    const touchedOrgs = new Set<string>();
    // 1. organisations: a new name, size or region changes their items' documents too
    const changedOrgs = new Set<string>();
    const orgSince = this.since('organisations');
    for (let afterId: string | undefined; ;) {
      const rows = await readOrganisations(this.db, {
        limit: PAGE,
        ...(orgSince !== undefined ? { since: orgSince } : {}),
        ...(afterId !== undefined ? { afterId } : {}),
      });
      for (const o of rows) {
        this.advance('organisations', o.updated_at);
        const prev = this.orgs.get(o.id);
        if (prev && orgKey(prev) === orgKey(o)) continue;
        this.orgs.set(o.id, o);
        changedOrgs.add(o.id);
        touchedOrgs.add(o.id);
      }
      if (rows.length < PAGE) break;
      afterId = rows[rows.length - 1]!.id;
    }
    // 2. items changed since the watermark (including those that stopped being public)
    for (const source of SOURCES) {
      // computed once per source: the watermark moves while the pages are read
      const since = this.since(source);
      for (let afterId: string | undefined; ;) {
        const rows = await readSource(this.db, source, {
          limit: PAGE,
          ...(since !== undefined ? { since } : {}),
          ...(afterId !== undefined ? { afterId } : {}),
        });
        for (const r of rows) {
          this.advance(source, r.updatedAt);
          if (!this.orgs.has(r.organisationId)) await this.loadOrg(r.organisationId);
          if (this.apply(r, touchedOrgs)) changed = true;
        }
        if (rows.length < PAGE) break;
        afterId = rows[rows.length - 1]!.id;
        await yieldToEventLoop();
      }
    }
    // 3. items of organisations that changed: their documents carry the organisation's region and size
    for (const orgId of changedOrgs) {
      for (const id of [...(this.itemsByOrg.get(orgId) ?? [])]) {
        const it = this.items.get(id);
        if (it && this.apply(it.rec, touchedOrgs)) changed = true;
      }
    }
    for (const orgId of touchedOrgs) if (this.syncOrgDoc(orgId)) changed = true;
    if (!changed) return;
    this.rebuildOrder();
    // Recomputed in time slices between requests; the refresher does not wait for it, so a large
    // cache never delays the next refresh.
    for (const c of [this.demandRecs, this.orgDemandRecs, this.orgResourceRecs]) c.invalidate();
    this.recsSettled = Promise.all([
      this.demandRecs.schedule(),
      this.orgDemandRecs.schedule(),
      this.orgResourceRecs.schedule(),
    ]);
  }

  private async loadOrg(id: string): Promise<void> {
    const [o] = await readOrganisations(this.db, { ids: [id], limit: 1 });
    if (o) this.orgs.set(o.id, o);
  }

  /** Indexes, re-indexes or removes one item; returns whether the index changed. */
  private apply(rec: ItemRecord, touchedOrgs: Set<string>): boolean {
    const prev = this.items.get(rec.id);
    if (!rec.visible) {
      if (!prev) return false;
      this.index.remove(rec.id);
      this.items.delete(rec.id);
      this.itemsByOrg.get(prev.rec.organisationId)?.delete(rec.id);
      touchedOrgs.add(prev.rec.organisationId);
      return true;
    }
    const org = this.orgs.get(rec.organisationId);
    const industry = canonicalIndustry(rec.industry ?? org?.industry_code ?? undefined) || null;
    const region = rec.region ?? org?.region_code ?? null;
    const doc: MatchDoc = {
      id: rec.id,
      type: rec.type,
      organisationId: rec.organisationId,
      title: rec.title,
      body: rec.body,
      keywords: rec.keywords,
      ...(industry ? { industry } : {}),
      ...(region ? { region } : {}),
      themeDayIds: rec.themeDayId ? [rec.themeDayId] : [],
      ...(org ? { orgKind: org.kind } : {}),
      ...(org && isSize(org.size_class) ? { orgSize: org.size_class } : {}),
      ...(rec.trl != null ? { trl: rec.trl } : {}),
    };
    const sig = JSON.stringify([doc, rec.publishedAt, rec.deadline]);
    if (prev && prev.sig === sig) {
      prev.rec = rec;
      return false;
    }
    this.index.upsert(doc);
    this.items.set(rec.id, { rec, sig, industry, region });
    if (prev && prev.rec.organisationId !== rec.organisationId) {
      this.itemsByOrg.get(prev.rec.organisationId)?.delete(rec.id);
      touchedOrgs.add(prev.rec.organisationId);
    }
    let set = this.itemsByOrg.get(rec.organisationId);
    if (!set) this.itemsByOrg.set(rec.organisationId, (set = new Set()));
    set.add(rec.id);
    touchedOrgs.add(rec.organisationId);
    return true;
  }

  /**
   * An organisation's own document, for "which organisations could meet this demand": its name, its
   * industry, and the titles of what it offers publicly (resources, technologies, results) — the platform
   * has no free-text profile, and what an organisation published is the best evidence of what it can do.
   */
  private syncOrgDoc(orgId: string): boolean {
    const o = this.orgs.get(orgId);
    if (!o || !REC_ORG_KINDS.has(o.kind)) {
      if (this.orgDocSig.delete(orgId)) {
        this.index.remove(orgId);
        return true;
      }
      return false;
    }
    const offers = this.ownItems(orgId)
      .filter((it) => SUPPLY_TYPES.has(it.rec.type))
      .map((it) => it.rec.title);
    const industry = canonicalIndustry(o.industry_code ?? undefined);
    const doc: MatchDoc = {
      id: o.id,
      type: 'organisation',
      organisationId: o.id,
      title: o.name,
      body: offers.join('；'),
      keywords: industry ? [industryName(industry) ?? ''].filter((k) => k !== '') : [],
      ...(industry ? { industry } : {}),
      ...(o.region_code ? { region: o.region_code } : {}),
      orgKind: o.kind,
      ...(isSize(o.size_class) ? { orgSize: o.size_class } : {}),
    };
    const sig = JSON.stringify(doc);
    if (this.orgDocSig.get(orgId) === sig) return false;
    this.index.upsert(doc);
    this.orgDocSig.set(orgId, sig);
    return true;
  }

  private ownItems(orgId: string): Indexed[] {
    const out: Indexed[] = [];
    for (const id of [...(this.itemsByOrg.get(orgId) ?? [])].sort()) {
      const it = this.items.get(id);
      if (it) out.push(it);
    }
    return out;
  }

  private rebuildOrder(): void {
    const list = [...this.items.values()].map((it) => [it.rec.publishedAt ?? '', it.rec.id] as const);
    list.sort((a, b) => (a[0] > b[0] ? -1 : a[0] < b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    this.order = list.map((x) => x[1]);
  }

  // ----- search -------------------------------------------------------------------------------------------

  /** Full-text search with filters; an empty text lists the filtered items newest first. */
  async search(q: SearchQuery): Promise<SearchResponse> {
    await this.ready();
    // cheap: looks at the lexicon's version at most every few seconds
    await syncLexicon(this.db);
    const filter: SearchFilter = { types: q.type && q.type.length > 0 ? q.type : SEARCH_TYPES };
    if (q.industry) filter.industries = [q.industry];
    if (q.region) filter.regions = [q.region];
    if (q.themeDayId) filter.themeDayIds = [q.themeDayId];
    if (q.orgKind) filter.orgKinds = [q.orgKind];
    if (q.orgSize) filter.orgSizes = [q.orgSize];
    const offset = (q.page - 1) * q.pageSize;
    const base = { page: q.page, pageSize: q.pageSize };
    if (q.q.trim() === '') {
      const accept = this.index.matcher(filter);
      const ids: string[] = [];
      let total = 0;
      for (const id of this.order) {
        if (!accept(id)) continue;
        if (total >= offset && ids.length < q.pageSize) ids.push(id);
        total++;
      }
      const items = ids.flatMap((id) => {
        const it = this.items.get(id);
        if (!it) return [];
        return [
          this.present(it, 0, [], highlightText(it.rec.title, [], Infinity), highlightText(it.rec.body, [], 120)),
        ];
      });
      return { ...base, items, total, terms: [], didYouMean: null, corrected: false };
    }
    const r = this.index.search(q.q, { filter, limit: q.pageSize, offset, snippetLength: 120 });
    const items = r.hits.flatMap((h) => {
      const it = this.items.get(h.id);
      if (!it || !h.highlights) return [];
      return [
        this.present(
          it,
          h.score,
          h.matches.map((m) => m.term),
          h.highlights.title,
          h.highlights.body,
        ),
      ];
    });
    return {
      ...base,
      items,
      total: r.total,
      terms: r.terms.filter((t) => t.kind !== 'synonym' && t.kind !== 'narrower').map((t) => t.term),
      didYouMean: r.didYouMean ?? null,
      corrected: r.corrected,
    };
  }

  private present(
    it: Indexed,
    score: number,
    matchedTerms: string[],
    title: SearchItem['title'],
    snippet: SearchItem['snippet'],
  ): SearchItem {
    const org = this.orgs.get(it.rec.organisationId);
    return {
      type: it.rec.type,
      typeLabel: SEARCH_TYPE_LABELS[it.rec.type],
      id: it.rec.id,
      title,
      snippet,
      matchedTerms,
      score,
      organisation: org ? { id: org.id, name: org.name } : null,
      industry: it.industry,
      region: it.region,
      themeDayId: it.rec.themeDayId,
      publishedAt: it.rec.publishedAt,
      link: itemLink(it.rec.type, it.rec.id),
    };
  }

  /** The analysed terms of a text (for tests and diagnostics). */
  terms(text: string): string[] {
    return analyzeQuery(text).map((t) => t.term);
  }

  // ----- recommendations ----------------------------------------------------------------------------------

  /**
   * Resources, results, technologies and organisations most likely to meet a demand (never the demand's
   * own organisation or what it published itself).
   */
  async forDemand(d: DemandSubject): Promise<Rec[]> {
    await this.ready();
    const demander = this.orgs.get(d.organisationId);
    const partners = await readPartners(this.db, d.organisationId);
    const subject: MatchSubject = {
      id: d.id,
      kind: 'demand',
      title: d.title,
      body: [d.description, d.indicators ?? ''].filter((s) => s !== '').join('\n'),
      industry: d.fieldCode,
      ...(d.regionCode ? { region: d.regionCode } : {}),
      ...(demander && isSize(demander.size_class) ? { orgSize: demander.size_class } : {}),
      ...(d.themeDayId ? { themeDayIds: [d.themeDayId] } : {}),
      ...(partners.length ? { partnerOrgIds: partners } : {}),
    };
    const recs = this.demandRecs.getOrCompute(`demand:${d.id}`, subject);
    return this.presentRecs(recs, d.organisationId, () => true);
  }

  /**
   * For an organisation: demands (and technology needs) it could answer, judged by what it offers, and
   * resources it could use, judged by what it needs (its demands; else what it does). Demands past their
   * deadline are left out — they no longer take responses.
   */
  async forOrganisation(orgId: string, today: string): Promise<ForMe> {
    await this.ready();
    if (!this.orgs.has(orgId)) await this.loadOrg(orgId);
    const o = this.orgs.get(orgId);
    if (!o) return { demands: [], resources: [] };
    const own = this.ownItems(orgId);
    const [partners, profiles] = await Promise.all([readPartners(this.db, orgId), readMeetingProfiles(this.db, orgId)]);
    const text = (xs: Indexed[]) => xs.map((it) => `${it.rec.title}。${it.rec.body.slice(0, 200)}`).join('\n');
    // what it said it offers / seeks at its meeting sessions counts like what it published
    const said = (k: 'offer' | 'seek') => profiles.flatMap((p) => (p[k] ? [p[k]] : [])).join('\n');
    const offers = own.filter((it) => SUPPLY_TYPES.has(it.rec.type));
    const needs = own.filter((it) => it.rec.type === 'demand');
    const industry = canonicalIndustry(o.industry_code ?? undefined);
    const common = {
      kind: 'organisation' as const,
      title: '',
      keywords: industry ? [industryName(industry) ?? ''].filter((k) => k !== '') : [],
      ...(industry ? { industry } : {}),
      ...(o.region_code ? { region: o.region_code } : {}),
      ...(isSize(o.size_class) ? { orgSize: o.size_class } : {}),
      ...(partners.length ? { partnerOrgIds: partners } : {}),
    };
    const trls = offers.map((it) => it.rec.trl).filter((t): t is number => t != null);
    const join = (...xs: string[]) => xs.filter((x) => x !== '').join('\n');
    const supply: MatchSubject = {
      ...common,
      body: join(said('offer'), text(offers)),
      ...(trls.length ? { trl: Math.max(...trls) } : {}),
    };
    const need: MatchSubject = {
      ...common,
      body: join(said('seek'), text(needs.length || said('seek') ? needs : offers)),
    };
    const demands = this.orgDemandRecs.getOrCompute(`org:${orgId}`, supply);
    const resources = this.orgResourceRecs.getOrCompute(`org:${orgId}`, need);
    return {
      demands: this.presentRecs(demands, orgId, (it) => it.rec.deadline === null || it.rec.deadline >= today),
      resources: this.presentRecs(resources, orgId, () => true),
    };
  }

  /** The organisation behind a recommendation (the organisation itself for an organisation), if still known. */
  orgOfRec(r: Pick<Rec, 'type' | 'id'>): string | null {
    if (r.type === 'organisation') return this.orgs.has(r.id) ? r.id : null;
    return this.items.get(r.id)?.rec.organisationId ?? null;
  }

  /** Drops the subject's own organisation and items, and anything no longer public (a stale cache). */
  private presentRecs(recs: readonly Recommendation[], ownOrgId: string, keep: (it: Indexed) => boolean): Rec[] {
    const out: Rec[] = [];
    for (const r of recs) {
      if (out.length >= REC_LIMIT) break;
      if (r.type === 'organisation') {
        const o = this.orgs.get(r.id);
        if (!o || r.id === ownOrgId || !this.orgDocSig.has(r.id)) continue;
        out.push({
          type: 'organisation',
          id: r.id,
          title: o.name,
          score: round(r.score),
          reason: r.reason,
          link: itemLink('organisation', r.id),
        });
        continue;
      }
      const it = this.items.get(r.id);
      if (!it || it.rec.organisationId === ownOrgId || !keep(it)) continue;
      const type = it.rec.type;
      if (type === 'event') continue;
      out.push({
        type,
        id: r.id,
        title: it.rec.title,
        score: round(r.score),
        reason: r.reason,
        link: itemLink(type, r.id),
      });
    }
    return out;
  }
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const orgKey = (o: OrgRecord) => JSON.stringify([o.name, o.kind, o.region_code, o.industry_code, o.size_class]);
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
