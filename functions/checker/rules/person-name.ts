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
  // Punctuation stays on the word it follows: it ends a name ("Jane Smith, Group Chief Executive").
  const tokens = text.split(/\s+|(?<=[,;:|/)])(?=\S)/u).filter(Boolean);
  let run: string[] = [];
  /** `end`: the token after the run, or undefined when punctuation closed it. */
  const found = (end: number | undefined): string | undefined => {
    const next = end === undefined ? '' : bare(tokens[end] ?? '').toLowerCase();
    while (run.length && PARTICLES.has(run.at(-1)!.toLowerCase())) run.pop();
    const surnames = run.filter((t) => WORD.test(t)).length;
    const last = run.at(-1);
    const name =
      run.length >= 2 &&
      surnames >= 1 &&
      last &&
      WORD.test(last) &&
      !CORPORATE.has(next) &&
      !organisations.some((o) => o.includes(spaced(run.join(' '))))
        ? run.join(' ')
        : undefined;
    run = [];
    return name;
  };
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i]!;
    const token = INITIAL.test(raw) ? raw : bare(raw);
    const lower = token.toLowerCase().replace(/\.$/, '');
    const isName = (INITIAL.test(token) || WORD.test(token)) && !NOT_NAME.has(lower);
    const inside = run.length > 0 && PARTICLES.has(token);
    if (isName || inside) {
      run.push(token);
      // A word that ended the sentence or clause ends the name too.
      if (/[,.;:|/)]$/.test(raw) && !INITIAL.test(raw)) {
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
