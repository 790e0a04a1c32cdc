/**
 * The notice the programme runs under, cited by its exact title wherever the platform names it (the portal's
 * footer, official documents, the server-rendered public pages).
 */

/** The title, in 《》 with the Chinese quotation marks of the original. */
export const NOTICE_TITLE = '《国家发展改革委办公厅关于发挥双创示范基地带动作用 办好2020年“融通创新”主题日的通知》';

/** The document number. */
export const NOTICE_NUMBER = '发改办高技〔2020〕417号';

/** Title and number, as cited in full. */
export const NOTICE_CITATION = `${NOTICE_TITLE}（${NOTICE_NUMBER}）`;
