import { describe, expect, it } from 'vitest';
import {
  ProgrammeRules,
  checkActivityPlanTitle,
  checkPreliminaryPlan,
  checkScores,
  defaultRules2020,
  fillTitle,
  planDeadlineInstant,
  planLengthRange,
  planZishu,
  weightedTotal,
  type PreliminaryPlanInput,
} from './programme-rules.ts';

/** A body of exactly n 字 (Chinese characters). */
const bodyOf = (n: number) => '融'.repeat(n);

const goodPlan = (over: Partial<PreliminaryPlanInput> = {}): PreliminaryPlanInput => ({
  theme: '能源互联网',
  title: '国网融通创新主题日活动初步计划',
  body: body(800),
  partnerBaseIds: ['base-2', 'base-3'],
  areas: [
    { key: 'resource_sharing', description: '开放100个实验室' },
    { key: 'collaborative_rd', description: '发布新技术目录和创新需求清单' },
    { key: 'joint_commercialisation', description: '发布不涉密科技成果' },
    { key: 'roadshow', description: '组织项目路演' },
  ],
  plannedMonths: [9],
  epidemicMeasures: '线上为主，线下控制规模并制定应急预案',
  ...over,
});

/**
 * 字数 of goodPlan's fields other than the body (the ~800字 target counts the whole plan by default): theme 5,
 * title 15, the four area descriptions 7 + 14 + 9 + 6, measures 18 (with its full-width comma).
 */
const OTHERS = 5 + 15 + 36 + 18;
/** A body that makes goodPlan `n` 字 in all. */
function body(n: number): string {
  return bodyOf(n - OTHERS);
}

const inTime = { now: new Date('2020-06-20T02:00:00Z'), callOpen: true, baseKind: 'enterprise' };
const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);

const rules2021: ProgrammeRules = {
  ...defaultRules2020,
  minContentAreas: 3,
  planLengthTarget: 1000,
  planLengthTolerance: 200,
  planDeadline: '2021-05-31T23:59:59',
  titleTemplate: '{简称}融通创新主题日实施方案',
};

describe('ProgrammeRules schema', () => {
  it('accepts the 2020 defaults and a 2021 variant', () => {
    expect(ProgrammeRules.safeParse(defaultRules2020).success).toBe(true);
    expect(ProgrammeRules.safeParse(rules2021).success).toBe(true);
  });
  it('accepts weights in percent', () => {
    const r = {
      ...defaultRules2020,
      reviewCriteria: [
        { key: 'content_features', name: '活动内容特色', weight: 40 },
        { key: 'demonstration_effect', name: '示范带动作用', weight: 30 },
        { key: 'docking_cycle', name: '项目对接周期', weight: 30 },
      ],
    };
    expect(ProgrammeRules.safeParse(r).success).toBe(true);
  });
  it('rejects weights that do not sum to 1 or 100, with a Chinese message', () => {
    const r = {
      ...defaultRules2020,
      reviewCriteria: [
        { key: 'a', name: 'A', weight: 0.5 },
        { key: 'b', name: 'B', weight: 0.4 },
      ],
    };
    const res = ProgrammeRules.safeParse(r);
    expect(res.success).toBe(false);
    expect(res.error?.issues.map((i) => i.message).join()).toContain('权重之和应为1');
  });
  it('rejects inconsistent rules', () => {
    const bad = (over: Partial<ProgrammeRules>) => ProgrammeRules.safeParse({ ...defaultRules2020, ...over }).success;
    expect(bad({ minContentAreas: 6 })).toBe(false);
    expect(bad({ planLengthTolerance: 800 })).toBe(false);
    expect(bad({ planDeadline: '2020-06-31T23:59:59' })).toBe(false);
    expect(bad({ planDeadline: '30 June' })).toBe(false);
    expect(bad({ titleTemplate: 'XXX融通创新主题日活动方案' })).toBe(false);
    expect(bad({ scoreMin: 10, scoreMax: 1 })).toBe(false);
    expect(bad({ eligibleBaseKinds: [] })).toBe(false);
    expect(
      bad({
        contentAreas: [
          { key: 'roadshow', name: '路演', nameEn: 'Roadshow' },
          { key: 'roadshow', name: '路演2', nameEn: 'Roadshow 2' },
        ],
        minContentAreas: 1,
      }),
    ).toBe(false);
  });
  it('the 2020 defaults follow the notice', () => {
    expect(defaultRules2020.contentAreas.map((a) => a.name)).toEqual([
      '创新资源开放共享',
      '创新项目协作攻关',
      '创新成果联合转化',
      '创新团队对接路演',
      '创新主体深度对接',
    ]);
    expect(defaultRules2020.minContentAreas).toBe(4);
    expect(defaultRules2020.hostQuota).toBe(5);
    expect(defaultRules2020.eligibleBaseKinds).toEqual(['enterprise']);
    expect(planLengthRange(defaultRules2020)).toEqual({ min: 600, max: 1000 });
    expect(planDeadlineInstant(defaultRules2020).toISOString()).toBe('2020-06-30T15:59:59.999Z');
  });
});

describe('fillTitle', () => {
  it('puts the short name into the template', () => {
    expect(fillTitle(defaultRules2020.titleTemplate, '国家电网')).toBe('国家电网融通创新主题日活动方案');
    expect(fillTitle('{简称}·{简称}', ' 国网 ')).toBe('国网·国网');
  });
});

describe('checkPreliminaryPlan (2020 rules)', () => {
  it('a complete plan passes', () => {
    const r = checkPreliminaryPlan(defaultRules2020, goodPlan(), inTime);
    expect(r).toEqual({ ok: true, zishu: 800, areasCovered: 4, issues: [] });
  });

  it('reports too few areas with the count', () => {
    const plan = goodPlan({ areas: goodPlan().areas.slice(0, 3) });
    const r = checkPreliminaryPlan(defaultRules2020, plan, inTime);
    expect(r.ok).toBe(false);
    expect(r.areasCovered).toBe(3);
    const issue = r.issues.find((i) => i.code === 'too_few_areas');
    expect(issue?.message).toContain('内容板块至少覆盖4个，当前仅3个');
    expect(issue?.message).toContain('创新团队对接路演');
  });

  it('an area counts only with a description, and only once', () => {
    const plan = goodPlan({
      areas: [
        { key: 'resource_sharing', description: '开放实验室' },
        { key: 'resource_sharing', description: '再开放设备' },
        { key: 'collaborative_rd', description: '   ' },
        { key: 'roadshow', description: '路演' },
        { key: 'deep_docking', description: '专家研讨' },
      ],
    });
    const r = checkPreliminaryPlan(defaultRules2020, plan, inTime);
    expect(r.areasCovered).toBe(3);
    expect(codes(r)).toEqual(['too_few_areas']);
  });

  it('reports unknown area keys once each', () => {
    const plan = goodPlan({
      areas: [...goodPlan().areas, { key: 'karaoke', description: 'x' }, { key: 'karaoke', description: 'y' }],
    });
    const r = checkPreliminaryPlan(defaultRules2020, plan, inTime);
    expect(codes(r)).toEqual(['unknown_area']);
    expect(r.areasCovered).toBe(4);
  });

  it('accepts 600..1000 字 and rejects outside, giving the count and the range', () => {
    expect(checkPreliminaryPlan(defaultRules2020, goodPlan({ body: body(600) }), inTime).ok).toBe(true);
    expect(checkPreliminaryPlan(defaultRules2020, goodPlan({ body: body(1000) }), inTime).ok).toBe(true);
    const short = checkPreliminaryPlan(defaultRules2020, goodPlan({ body: body(599) }), inTime);
    expect(codes(short)).toEqual(['length_out_of_range']);
    expect(short.zishu).toBe(599);
    expect(short.issues[0]?.message).toBe(
      '计划全文应为800字左右（600～1000字），当前599字（计入活动主题、计划标题、计划正文、内容板块说明、疫情防控措施）',
    );
    const long = checkPreliminaryPlan(defaultRules2020, goodPlan({ body: body(1001) }), inTime);
    expect(codes(long)).toEqual(['length_out_of_range']);
  });

  it('counts the whole plan by default and only the configured fields when the rule says so', () => {
    expect(OTHERS).toBe(planZishu(defaultRules2020, { ...goodPlan(), body: '' }));
    const bodyOnly = { ...defaultRules2020, zishuFields: ['body' as const] };
    const plan = goodPlan({ body: bodyOf(800) });
    expect(checkPreliminaryPlan(bodyOnly, plan, inTime)).toMatchObject({ ok: true, zishu: 800 });
    const whole = checkPreliminaryPlan(defaultRules2020, plan, inTime);
    expect(whole.zishu).toBe(800 + OTHERS);
    const short = checkPreliminaryPlan(bodyOnly, goodPlan({ body: bodyOf(599) }), inTime);
    expect(short.issues[0]?.message).toBe('计划正文应为800字左右（600～1000字），当前599字（计入计划正文）');
    const themeAndBody = { ...defaultRules2020, zishuFields: ['theme' as const, 'body' as const] };
    expect(checkPreliminaryPlan(themeAndBody, plan, inTime).zishu).toBe(805);
  });

  it('requires the partner bases the rule asks for', () => {
    const none = checkPreliminaryPlan(defaultRules2020, goodPlan({ partnerBaseIds: [] }), inTime);
    expect(none.issues).toEqual([
      { code: 'too_few_partner_bases', field: 'partnerBaseIds', message: '请至少填写1个参与基地，当前0个' },
    ]);
    const three = { ...defaultRules2020, minPartnerBases: 3 };
    expect(codes(checkPreliminaryPlan(three, goodPlan(), inTime))).toEqual(['too_few_partner_bases']);
    expect(
      checkPreliminaryPlan({ ...defaultRules2020, minPartnerBases: 0 }, goodPlan({ partnerBaseIds: [] }), inTime).ok,
    ).toBe(true);
    expect(ProgrammeRules.safeParse({ ...defaultRules2020, minPartnerBases: -1 }).success).toBe(false);
    expect(ProgrammeRules.safeParse({ ...defaultRules2020, zishuFields: [] }).success).toBe(false);
    // Rules stored before these fields parse with the defaults: the whole plan, one partner base.
    const { zishuFields: _z, minPartnerBases: _m, ...older } = defaultRules2020;
    expect(ProgrammeRules.parse(older)).toMatchObject({
      minPartnerBases: 1,
      zishuFields: defaultRules2020.zishuFields,
    });
  });

  it('counts 字数 the Word way (Latin words count once)', () => {
    const text = body(598) + ' 5G AI';
    const r = checkPreliminaryPlan(defaultRules2020, goodPlan({ body: text }), inTime);
    expect(r.zishu).toBe(600);
    expect(r.ok).toBe(true);
  });

  it('reports one field_required per empty field', () => {
    const plan = goodPlan({ theme: '', title: '  ', body: undefined, plannedMonths: [], epidemicMeasures: '' });
    const r = checkPreliminaryPlan(defaultRules2020, plan, inTime);
    expect(r.issues.filter((i) => i.code === 'field_required').map((i) => i.field)).toEqual([
      'theme',
      'title',
      'body',
      'plannedMonths',
      'epidemicMeasures',
    ]);
    // An empty body is reported as missing, not also as too short; the area descriptions still count.
    expect(codes(r)).not.toContain('length_out_of_range');
    expect(r.zishu).toBe(36);
    expect(r.issues.find((i) => i.field === 'epidemicMeasures')?.message).toBe('请填写疫情防控措施');
  });

  it('rejects months outside 1..12', () => {
    const r = checkPreliminaryPlan(defaultRules2020, goodPlan({ plannedMonths: [9, 13, 0] }), inTime);
    expect(codes(r)).toEqual(['invalid_month']);
    expect(r.issues[0]?.message).toContain('13、0');
  });

  it('enforces the deadline in Beijing time', () => {
    const at = (iso: string) => checkPreliminaryPlan(defaultRules2020, goodPlan(), { ...inTime, now: new Date(iso) });
    expect(at('2020-06-30T15:59:59.999Z').ok).toBe(true);
    const late = at('2020-06-30T16:00:00.000Z');
    expect(codes(late)).toEqual(['deadline_passed']);
    expect(late.issues[0]?.message).toContain('2020年6月30日 23:59');
  });

  it('checks that the call is open and the base may host', () => {
    const closed = checkPreliminaryPlan(defaultRules2020, goodPlan(), { ...inTime, callOpen: false });
    expect(codes(closed)).toEqual(['call_not_open']);
    const regional = checkPreliminaryPlan(defaultRules2020, goodPlan(), { ...inTime, baseKind: 'regional' });
    expect(codes(regional)).toEqual(['base_not_eligible']);
    expect(regional.issues[0]?.message).toBe('仅企业类双创示范基地可申请承办主题日');
  });

  it('returns all issues at once', () => {
    const r = checkPreliminaryPlan(
      defaultRules2020,
      { partnerBaseIds: [], areas: [], plannedMonths: [] },
      { now: new Date('2020-07-01T00:00:00Z'), callOpen: false, baseKind: 'academic' },
    );
    expect(new Set(codes(r))).toEqual(
      new Set([
        'call_not_open',
        'deadline_passed',
        'base_not_eligible',
        'field_required',
        'too_few_areas',
        'too_few_partner_bases',
      ]),
    );
    expect(r.issues.find((i) => i.code === 'too_few_areas')?.message).toContain('内容板块至少覆盖4个，当前仅0个');
  });
});

describe('the same functions apply a 2021 rule set', () => {
  const in2021 = { now: new Date('2021-05-20T00:00:00Z'), callOpen: true, baseKind: 'enterprise' };

  it('3 areas are enough in 2021 but not in 2020', () => {
    const plan = goodPlan({ areas: goodPlan().areas.slice(0, 3), body: body(900) });
    expect(checkPreliminaryPlan(rules2021, plan, in2021).ok).toBe(true);
    expect(codes(checkPreliminaryPlan(defaultRules2020, plan, inTime))).toEqual(['too_few_areas']);
  });

  it('the length range follows the 1000-字 target', () => {
    expect(planLengthRange(rules2021)).toEqual({ min: 800, max: 1200 });
    const r = checkPreliminaryPlan(rules2021, goodPlan({ body: body(700) }), in2021);
    expect(r.issues[0]?.message).toMatch(/^计划全文应为1000字左右（800～1200字），当前700字/);
    expect(checkPreliminaryPlan(rules2021, goodPlan({ body: body(1200) }), in2021).ok).toBe(true);
  });

  it('the deadline is 31 May 2021 Beijing time', () => {
    const at = (iso: string) =>
      checkPreliminaryPlan(rules2021, goodPlan({ body: bodyOf(1000) }), { ...in2021, now: new Date(iso) });
    expect(at('2021-05-31T15:59:59.999Z').ok).toBe(true);
    expect(codes(at('2021-05-31T16:00:00Z'))).toEqual(['deadline_passed']);
    expect(at('2021-05-31T16:00:00Z').issues[0]?.message).toContain('2021年5月31日');
  });

  it('titles follow the 2021 template', () => {
    expect(checkActivityPlanTitle(rules2021, '海尔', '海尔融通创新主题日实施方案').ok).toBe(true);
    const r = checkActivityPlanTitle(rules2021, '海尔', '海尔融通创新主题日活动方案');
    expect(r.ok).toBe(false);
    expect(r.expected).toBe('海尔融通创新主题日实施方案');
  });
});

describe('checkActivityPlanTitle', () => {
  it('accepts the exact title, ignoring spaces, 《》 and quotes', () => {
    expect(checkActivityPlanTitle(defaultRules2020, '国家电网', '国家电网融通创新主题日活动方案').ok).toBe(true);
    expect(checkActivityPlanTitle(defaultRules2020, '国家电网', '《国家电网“融通创新”主题日活动方案》').ok).toBe(true);
    expect(checkActivityPlanTitle(defaultRules2020, '国家电网', ' 国家电网 融通创新主题日活动方案 ').ok).toBe(true);
  });
  it('rejects a different title with the expected one in the message', () => {
    const r = checkActivityPlanTitle(defaultRules2020, '国家电网', '国家电网主题日方案');
    expect(r.issues).toEqual([
      { code: 'title_mismatch', field: 'title', message: '方案标题应统一为「国家电网融通创新主题日活动方案」' },
    ]);
    expect(checkActivityPlanTitle(defaultRules2020, '国家电网', '南方电网融通创新主题日活动方案').ok).toBe(false);
  });
  it('reports an empty title as required', () => {
    expect(checkActivityPlanTitle(defaultRules2020, '国家电网', '').issues[0]?.code).toBe('field_required');
  });
});

describe('weightedTotal / checkScores', () => {
  it('weights the criteria (0.4/0.3/0.3 in 2020)', () => {
    expect(weightedTotal(defaultRules2020, { content_features: 10, demonstration_effect: 5, docking_cycle: 5 })).toBe(
      7,
    );
    expect(weightedTotal(defaultRules2020, { content_features: 8, demonstration_effect: 8, docking_cycle: 8 })).toBe(8);
    expect(weightedTotal(defaultRules2020, { content_features: 7, demonstration_effect: 9, docking_cycle: 6 })).toBe(
      7.3,
    );
  });
  it('gives the same total with percentage weights', () => {
    const pct: ProgrammeRules = {
      ...defaultRules2020,
      reviewCriteria: defaultRules2020.reviewCriteria.map((c) => ({ ...c, weight: c.weight * 100 })),
    };
    expect(weightedTotal(pct, { content_features: 7, demonstration_effect: 9, docking_cycle: 6 })).toBe(7.3);
  });
  it('rejects missing, out-of-range and unknown scores', () => {
    expect(() => weightedTotal(defaultRules2020, { content_features: 7, demonstration_effect: 9 })).toThrow(
      /项目对接周期/,
    );
    expect(() =>
      weightedTotal(defaultRules2020, { content_features: 11, demonstration_effect: 9, docking_cycle: 6 }),
    ).toThrow(RangeError);
    expect(
      checkScores(defaultRules2020, { content_features: 0, demonstration_effect: 9, docking_cycle: 6, x: 3 }).map(
        (i) => i.code,
      ),
    ).toEqual(['score_out_of_range', 'unknown_criterion']);
  });
});
