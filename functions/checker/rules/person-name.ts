/**
 * Finds a person's name in a sign-off ("Signed: Jane Smith, Director", "J. Smith\nChief
 * Executive"). Two capitalised words are not enough: a sign-off's other capitalised words are
 * roles, bodies and organisations ("Signed on behalf of the Board\nDirector", "Chief Executive",
 * "Acme Retail Ltd"), and none of them names the person who signed.
 */

/** Capitalised words that are roles, bodies, organisation words, places, dates or sign-off words. */
const NOT_NAME = new Set(
  `board boards director directors chief executive executives officer officers chair chairman chairwoman
  chairperson managing group company companies limited ltd plc llp llc lp inc corporation holdings services
  international global trading industries solutions foundation trust trustee trustees council governors
  governor governing body university college partner partners partnership member members designated general
  president vice founder co-founder head deputy senior non-executive independent secretary counsel treasurer
  principal vice-chancellor ceo cfo coo cpo md hr uk finance financial operations operating sustainability
  compliance procurement legal human resources people commercial risk supply chain ethical responsible
  signed signature sign signatory date dated approved approval approving yours sincerely faithfully
  behalf on of for and the by this our its statement modern slavery act human trafficking year
  united kingdom england wales scotland ireland northern london
  january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday`
    .split(/\s+/)
    .filter(Boolean),
);
/** Corporate suffixes: the capitalised words before one are an organisation's name. */
const CORPORATE = new Set(['ltd', 'limited', 'plc', 'llp', 'lp', 'llc', 'inc', 'group', 'holdings', 'gmbh']);
/**
 * Words that open a role after "Group" ("Group Chief Executive", "Group Finance Director"): there
 * "Group" qualifies the role and does not end an organisation's name.
 */
const ROLE_AFTER_GROUP = new Set(
  `chief executive ceo cfo coo managing finance financial operations operating director chair chairman
  chairwoman chairperson president general counsel company secretary head vice deputy`
    .split(/\s+/)
    .filter(Boolean),
);
/** Words of a role or a body: an organisation's name does not run back over them. */
const ROLE_WORDS = new Set(
  `director directors chief executive officer chair chairman chairwoman chairperson managing president
  founder co-founder partner member designated trustee secretary treasurer principal vice-chancellor ceo cfo coo
  md head deputy senior non-executive independent signed signature by for on behalf of and the board`
    .split(/\s+/)
    .filter(Boolean),
);
/** Titles before a name ("Dr", "Prof.", "Dame"): part of how the name is written, not a name word. */
const HONORIFICS = new Set(
  `mr mrs ms miss mx dr prof professor sir dame lord lady baroness baron rev revd reverend cllr councillor hon`
    .split(/\s+/)
    .filter(Boolean),
);
/**
 * Letters after a name ("OBE", "FCA", "PhD", "KC"): capitals (a lower-case letter allowed inside,
 * "PhD", "DPhil"), two to six letters; they close the name and are not part of it.
 */
const POST_NOMINAL = /^(?:\p{Lu}{2,6}|Ph\.?D|DPhil|MPhil|BSc|MSc|BA|MA|MBA|LLB|LLM|FRSA)$/u;
const PARTICLES = new Set([
  'de',
  'del',
  'della',
  'di',
  'da',
  'van',
  'von',
  'der',
  'den',
  'le',
  'la',
  'bin',
  'al',
  'ap',
]);

const INITIAL = /^(\p{Lu}\.)+$/u;
const WORD = /^\p{Lu}[\p{L}'’-]+$/u;

const bare = (token: string) => token.replace(/^['"“‘(|/]+|['"”’),.;:|/]+$/gu, '');
const lowerBare = (token: string | undefined) =>
  bare(token ?? '')
    .toLowerCase()
    .replace(/\.$/, '');

/** Whether the token at `i` is a corporate suffix ("Ltd", "Holdings"; "Group" unless a role follows). */
function isCorporateSuffix(tokens: readonly string[], i: number): boolean {
  const word = lowerBare(tokens[i]);
  if (!CORPORATE.has(word) || !/^\p{Lu}|^plc\b/u.test(bare(tokens[i]!))) return false;
  return !(word === 'group' && ROLE_AFTER_GROUP.has(lowerBare(tokens[i + 1])));
}

/** Splits text into words; punctuation stays on the word it follows ("Smith," "Director|"). */
const tokensOf = (text: string) => text.split(/\s+|(?<=[,;:|/)·•])(?=\S)/u).filter(Boolean);

/**
 * Organisations' names written in `text`: up to five capitalised words before a corporate suffix
 * ("Acme Retail Ltd", "Northgate Care Homes Group Limited"). The name never runs back over a
 * role word or a comma, so "Ann Smith Director Acme Care Group Limited" (a sign-off block read
 * as one line) gives "Acme Care Group Limited", not the signatory's name.
 */
export function organisationNamesIn(text: string): string[] {
  const tokens = tokensOf(text);
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isCorporateSuffix(tokens, i)) continue;
    let end = i;
    while (end + 1 < tokens.length && isCorporateSuffix(tokens, end + 1) && !/[,;:|/·•]$/.test(tokens[end]!))
      end++;
    let start = i;
    while (start > 0 && i - start < 5) {
      const previous = tokens[start - 1]!;
      const word = bare(previous);
      if (/[,;:|/.·•)]$/.test(previous) && !INITIAL.test(previous)) break;
      if (!(WORD.test(word) || word === '&') || ROLE_WORDS.has(word.toLowerCase())) break;
      start--;
    }
    if (start < i)
      names.push(
        tokens
          .slice(start, end + 1)
          .map(bare)
          .join(' '),
      );
    i = end;
  }
  return names;
}

/**
 * The first person's name in `text`: two or more name words (initials allowed before a surname,
 * "de"/"van" inside), none of them a role, body or organisation word, and not part of one of
 * `organisationNames` ("Northgate Care" of "Northgate Care Homes Limited"); undefined when none.
 */
export function personNameIn(text: string, organisationNames: readonly string[] = []): string | undefined {
  const spaced = (s: string) =>
    ` ${s
      .toLowerCase()
      .replace(/[^\p{L}'’.-]+/gu, ' ')
      .trim()} `;
  const organisations = organisationNames.map(spaced);
  /** A name read as one organisation's that ends in another known one ("Ann Smith Acme Retail Ltd"). */
  const lineOrganisation = (o: string) => organisations.some((p) => p !== o && p.trim() && o.endsWith(p));
  // Punctuation stays on the word it follows: it ends a name ("Jane Smith, Group Chief Executive").
  const tokens = tokensOf(text);
  let run: string[] = [];
  /** Whether an honorific opened the run: "Dr Marsh" names a person with one name word. */
  let titled = false;
  /** `end`: the token after the run, or undefined when punctuation closed it. */
  const found = (end: number | undefined): string | undefined => {
    let corporateNext = end !== undefined && end < tokens.length && isCorporateSuffix(tokens, end);
    // "Ann Smith Acme Retail Ltd": when the run ends in the name of an organisation known from
    // elsewhere, the words before that name may be the person's.
    if (corporateNext && end !== undefined) {
      let stop = end;
      while (stop + 1 < tokens.length && isCorporateSuffix(tokens, stop + 1)) stop++;
      const suffix = tokens
        .slice(end, stop + 1)
        .map(bare)
        .join(' ');
      for (let k = 2; k < run.length; k++) {
        if (!organisations.includes(spaced(`${run.slice(k).join(' ')} ${suffix}`))) continue;
        const person = run.slice(0, k);
        if (WORD.test(person.at(-1)!) && !organisations.some((o) => o === spaced(person.join(' ')))) {
          run = person;
          corporateNext = false;
        }
        break;
      }
    }
    while (run.length && PARTICLES.has(run.at(-1)!.toLowerCase())) run.pop();
    const surnames = run.filter((t) => WORD.test(t)).length;
    const last = run.at(-1);
    const name =
      run.length >= (titled ? 1 : 2) &&
      surnames >= 1 &&
      last &&
      WORD.test(last) &&
      !corporateNext &&
      !organisations.some((o) => o.includes(spaced(run.join(' '))) && !lineOrganisation(o))
        ? run.join(' ')
        : undefined;
    run = [];
    titled = false;
    return name;
  };
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i]!;
    const token = INITIAL.test(raw) ? raw : bare(raw);
    const lower = token.toLowerCase().replace(/\.$/, '');
    const closes = /[,.;:|/)·•]$/.test(raw) && !INITIAL.test(raw);
    if (run.length === 0 && HONORIFICS.has(lower) && /^\p{Lu}/u.test(token)) {
      // "Dr." keeps its title; "Dr," closes it.
      titled = !/[,;:|/)·•]$/.test(raw);
      continue;
    }
    // Letters after a name close it ("Jane Smith OBE, Director").
    if (run.length > 0 && POST_NOMINAL.test(token) && !NOT_NAME.has(lower)) {
      const name = found(undefined);
      if (name) return name;
      continue;
    }
    const isName =
      (INITIAL.test(token) || WORD.test(token)) && !NOT_NAME.has(lower) && !HONORIFICS.has(lower);
    const inside = run.length > 0 && PARTICLES.has(token);
    if (isName || inside) {
      run.push(token);
      // A word that ended the sentence or clause ends the name too.
      if (closes) {
        const name = found(undefined);
        if (name) return name;
      }
      continue;
    }
    const name = found(i);
    if (name) return name;
  }
  return found(tokens.length);
}
