/** API types of the search lexicon administration (issue 14), from the contract. */
export type { LexiconEntryBody, LexiconEntryView, LexiconList, LexiconKind } from '../../common/contracts/lexicon.ts';
export { LEXICON_MAX_TERMS, LEXICON_TERM_MAX, LEXICON_KINDS } from '../../common/contracts/lexicon.ts';
export type { RecStats, FollowKind } from '../../common/contracts/search.ts';
