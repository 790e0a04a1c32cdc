/**
 * The core satisfaction instrument (满意度调查核心问卷), version 1 (2020). 417号 三(四): the third-party evaluation
 * weighs "产业链上中小企业和初创企业的满意程度"; one fixed instrument makes that figure comparable across theme days
 * and years. NDRC publishes later versions as data (table survey_instruments, version 2 onward); this version is
 * FROZEN — surveys and answers made with it refer to it by number, so editing it would rewrite past results.
 * Keys are stable: a later version that keeps a key asks the same thing, so results compare by key.
 */
import type { Question } from './contracts/surveys.ts';

const RATING_HINT = '1分表示非常不满意，5分表示非常满意；未参加该环节的可不填。';

export const CORE_INSTRUMENT_V1: { version: 1; note: string; questions: readonly Question[] } = {
  version: 1,
  note: '2020年“融通创新”主题日活动满意度调查核心问卷（第1版）',
  questions: [
    {
      key: 'participation_mode',
      type: 'single',
      text: '贵单位以何种方式参加本次主题日活动？',
      required: true,
      options: [
        { key: 'offline', label: '线下参加' },
        { key: 'online', label: '线上参加' },
        { key: 'both', label: '线上线下均有参加' },
      ],
    },
    {
      key: 'organisation',
      type: 'rating',
      text: '您对本次主题日活动的组织安排（议程设置、通知发布、报名签到、现场及线上服务保障）是否满意？',
      required: true,
    },
    {
      key: 'matchmaking_value',
      type: 'rating',
      text: '您认为本次活动对贵单位对接大企业、寻找合作伙伴的帮助程度如何？',
      hint: '1分表示没有帮助，5分表示帮助很大。',
      required: true,
    },
    {
      key: 'resource_docking',
      type: 'rating',
      text: '您对创新资源开放共享（应用场景、实验室、仪器设备、供应链等）对接环节是否满意？',
      hint: RATING_HINT,
      required: false,
    },
    {
      key: 'demand_docking',
      type: 'rating',
      text: '您对创新需求发布与响应、项目协作攻关对接环节是否满意？',
      hint: RATING_HINT,
      required: false,
    },
    {
      key: 'result_docking',
      type: 'rating',
      text: '您对创新成果发布与联合转化对接环节是否满意？',
      hint: RATING_HINT,
      required: false,
    },
    {
      key: 'meetings',
      type: 'rating',
      text: '您对一对一洽谈（供需对接会）的安排和效果是否满意？',
      hint: RATING_HINT,
      required: false,
    },
    {
      key: 'roadshows',
      type: 'rating',
      text: '您对创新团队对接路演（项目路演、专家点评、投资对接）是否满意？',
      hint: RATING_HINT,
      required: false,
    },
    {
      key: 'follow_up_support',
      type: 'rating',
      text: '您对活动后承办基地和有关方面提供的跟踪服务与合作支持是否满意？',
      hint: RATING_HINT,
      required: false,
    },
    {
      key: 'gains',
      type: 'multiple',
      text: '通过本次活动，贵单位取得了哪些收获？（可多选）',
      required: false,
      options: [
        { key: 'partner_found', label: '找到了合作伙伴' },
        { key: 'intent_reached', label: '达成了合作意向' },
        { key: 'agreement_signed', label: '签订了合作协议' },
        { key: 'financing', label: '获得了投融资意向' },
        { key: 'technology', label: '获得了技术、成果或创新资源' },
        { key: 'policy_info', label: '了解了政策和行业信息' },
        { key: 'none', label: '暂无明显收获' },
      ],
    },
    {
      key: 'overall',
      type: 'rating',
      text: '总体而言，您对本次“融通创新”主题日活动是否满意？',
      required: true,
    },
    {
      key: 'recommend',
      type: 'nps',
      text: '您向同行企业推荐参加“融通创新”主题日活动的可能性有多大？',
      hint: '0分表示完全不可能，10分表示非常可能。',
      required: true,
    },
    {
      key: 'suggestions',
      type: 'text',
      text: '您对今后举办“融通创新”主题日活动有何意见和建议？',
      required: false,
      maxLength: 500,
    },
  ],
};
