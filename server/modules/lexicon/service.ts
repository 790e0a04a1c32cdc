/**
 * Commands on the search lexicon. Each write runs in one transaction with its audit event and the version
 * bump; after the commit this server applies the change to its lexicon at once (sync.ts), other servers
 * follow the version.
 */
import { isUniqueViolation, json } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, notFound, validationFailed } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { BUILTIN_ENTRIES } from '../../engines/search/lexicon/index.ts';
import type { LexiconEntryBody } from '../../../common/contracts/lexicon.ts';
import { bumpVersion, deleteEntry, findBySignature, findEntry, insertEntry, type LexiconRow } from './repository.ts';
import { checkEntry, normaliseBuiltIn, signatureOf } from './rules.ts';
import { appliedLocally } from './sync.ts';

let builtInSignatures: Set<string> | undefined;
const isBuiltIn = (signature: string) =>
  (builtInSignatures ??= new Set(BUILTIN_ENTRIES.map((e) => signatureOf(normaliseBuiltIn(e))))).has(signature);

const duplicate = (builtIn: boolean) =>
  new AppError(409, 'lexicon_entry_duplicate', builtIn ? '内置词库中已有相同的词条' : '已添加过相同的词条', [
    {
      field: 'term',
      code: 'lexicon_entry_duplicate',
      message: builtIn ? '内置词库中已有相同的词条' : '已添加过相同的词条',
    },
  ]);

export async function addLexiconEntry(ctx: Ctx, props: { body: LexiconEntryBody }): Promise<LexiconRow> {
  const { entry, errors } = checkEntry(props.body);
  if (!entry) throw validationFailed(errors);
  const signature = signatureOf(entry);
  if (isBuiltIn(signature)) throw duplicate(true);
  const row: LexiconRow = {
    id: newId(),
    kind: entry.kind,
    term: entry.term,
    terms: json.stringify(entry.terms),
    signature,
    created_by: ctx.actor?.userId ?? null,
    created_at: nowIso(ctx.clock.now()),
  };
  let version: number;
  try {
    version = await ctx.db.transaction().execute(async (trx) => {
      if (await findBySignature(trx, signature)) throw duplicate(false);
      await insertEntry(trx, row);
      const v = await bumpVersion(trx);
      await audit(trx, ctx, {
        entityType: 'search_lexicon_entry',
        entityId: row.id,
        action: 'create',
        after: { kind: entry.kind, term: entry.term, terms: entry.terms },
      });
      return v;
    });
  } catch (err) {
    // a parallel request with the same entry won the unique signature
    if (isUniqueViolation(err)) throw duplicate(false);
    throw err;
  }
  appliedLocally(version, { add: row });
  return row;
}

export async function removeLexiconEntry(ctx: Ctx, props: { id: string }): Promise<void> {
  const version = await ctx.db.transaction().execute(async (trx) => {
    const row = await findEntry(trx, props.id);
    if (!row || !(await deleteEntry(trx, props.id))) throw notFound('词条不存在或已删除');
    const v = await bumpVersion(trx);
    await audit(trx, ctx, {
      entityType: 'search_lexicon_entry',
      entityId: row.id,
      action: 'delete',
      before: { kind: row.kind, term: row.term, terms: json.parse<string[]>(row.terms, []) },
    });
    return v;
  });
  appliedLocally(version, { remove: props.id });
}
