import packageJson from '../../package.json' with { type: 'json' };

/**
 * `register <command>`: one file per subcommand, imported only when used (so `--help` and
 * `classify` do not load what `check` needs). Each answers an exit code: 0 done, 1 the answer
 * is "no" (a check that does not meet the legal minimum, a classify input line that was bad),
 * 2 the command could not run as asked (usage, a file that cannot be read or is not supported).
 */
export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

type Command = (args: string[], io: Io) => Promise<number>;

/** Exit codes, as `--help` and the README document them. */
export const EXIT = { ok: 0, no: 1, usage: 2 } as const;

interface CommandEntry {
  /** One line for `register --help`. */
  summary: string;
  /** The whole of `register <command> --help`. */
  help: string;
  load: () => Promise<Command>;
}

const COMMANDS: Record<string, CommandEntry> = {
  check: {
    summary:
      'check <file|-> [--json] [--offline]  check one statement (.txt, .html, .pdf, .docx or a .json submission)',
    help: `Usage: register check <file|-> [--json] [--offline]

Checks one statement against the rules of the Modern Slavery Act 2015, section 54, without
storing it. <file> is a .txt, .md, .html, .pdf, .docx, or a .json submission document (with
statementText, or statementFile naming a file beside it, or statementUrl); "-" reads the
statement from standard input (PDF, Word, HTML, text or a JSON submission, told apart by content).

Options:
  --json      print the check result as JSON (the shape POST /api/v1/check answers)
  --offline   skip the website checks (their findings are "unknown")
  -h, --help  show this help

Exit status:
  0  the statement meets the legal minimum, or whether it does could not be determined
     (for example the organisation's type is not given: the report says which)
  1  it does not meet the legal minimum
  2  usage error, or the file cannot be read or is in a format the checker does not read
`,
    load: async () => (await import('./check.ts')).checkCommand,
  },
  classify: {
    summary:
      'classify                            tag sentences: JSON lines {id, sentences} on stdin → {id, labels}',
    help: `Usage: register classify < input.jsonl

Reads JSON lines {"id": "...", "sentences": ["...", ...]} on standard input and writes one line
{"id": "...", "labels": [["approval"], [], ...]} per input, in order: the criteria tags of each
sentence. A bad input line answers {"id", "error"} on its own line.

Exit status:
  0  every line was tagged
  1  some input lines were not valid (their output lines carry "error")
  2  usage error
`,
    load: async () => (await import('./classify.ts')).classifyCommand,
  },
  export: {
    summary: 'export --file <f> [--aws|--endpoint <url>]  write every item of the register as JSON lines',
    help: `Usage: register export --file <f> [--aws | --endpoint <url>] [--table <name>] [--region <r>]

Writes every item of the register's table to <f> as JSON lines (a backup). By default it opens
the local data folder (REGISTER_DATA_DIR or .data/) with its own DynamoDB Local: stop
\`npm start\` first. --endpoint uses a running DynamoDB Local; --aws the deployed table.
`,
    load: async () => (await import('./backup.ts')).exportCommand,
  },
  import: {
    summary: 'import --file <f> [--aws|--endpoint <url>]  load an export into a (normally empty) register',
    help: `Usage: register import --file <f> [--aws | --endpoint <url>] [--table <name>] [--region <r>]

Loads an export (register export) into a register, normally an empty one. Where the table is:
as for export.
`,
    load: async () => (await import('./backup.ts')).importCommand,
  },
  'import-gov': {
    summary: "import-gov <csv…> [--aws|--endpoint <url>]  import the government registry's yearly CSV files",
    help: `Usage: register import-gov <csv…> [--aws | --endpoint <url>]

Imports the government registry's yearly CSV files into a register. Where the table is: as for
export.
`,
    load: async () => (await import('./import-gov.ts')).importGovCommand,
  },
  'end-sessions': {
    summary: 'end-sessions --user <sub> [--aws|--endpoint <url>]  sign a person out of every device',
    help: `Usage: register end-sessions --user <sub> [--aws | --endpoint <url>] [--table <name>] [--region <r>]

Ends every web session of the user with this subject (the ID token's \`sub\`): they are signed
out on every device. The register reads a person's groups when they sign in, so after removing
someone from the officers group in Cognito, run this to end their open sessions at once. Where
the table is: as for export.
`,
    load: async () => (await import('./end-sessions.ts')).endSessionsCommand,
  },
  'dev-token': {
    summary:
      'dev-token --email <e> [--officer]   local development only: print a token from the local issuer',
    help: `Usage: register dev-token --email <e> [--officer]

Local development only: prints a bearer token (a JWT) from the development issuer whose keys
live in the local data folder (REGISTER_DATA_DIR or .data/), the keys \`npm start\` trusts.
--officer puts the user in the officers group. The deployed register does not trust it.
`,
    load: async () => (await import('./dev-token.ts')).devTokenCommand,
  },
};

export const VERSION: string = packageJson.version;

export function usage(): string {
  return `Usage: register <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((c) => `  register ${c.summary}`)
  .join('\n')}

Options:
  -h, --help     show this help, or a command's help (register check --help)
  -V, --version  show the version

Exit status: 0 done; 1 the answer is no (check: the legal minimum is not met; classify: some
input lines were bad); 2 usage error, or a file that cannot be read or checked.
`;
}

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h';

export async function main(
  argv: string[],
  io: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr.write(usage());
    return EXIT.usage;
  }
  if (isHelp(name)) {
    io.stdout.write(usage());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`register ${VERSION}\n`);
    return EXIT.ok;
  }
  if (name === 'help') {
    const topic = args[0] === undefined ? undefined : COMMANDS[args[0]];
    if (args[0] !== undefined && !topic) {
      io.stderr.write(`register: unknown command "${args[0]}"\n${usage()}`);
      return EXIT.usage;
    }
    io.stdout.write(topic ? topic.help : usage());
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`register: unknown command "${name}"\n${usage()}`);
    return EXIT.usage;
  }
  // Before the command is loaded, so that its help is as quick as the register's.
  if (args.some(isHelp)) {
    io.stdout.write(command.help);
    return EXIT.ok;
  }
  return (await command.load())(args, io);
}
