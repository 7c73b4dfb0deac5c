/**
 * `register <command>`: one file per subcommand, imported only when used (so `classify` does not
 * load what `check` needs). Each answers an exit code.
 */
export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

type Command = (args: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: {
    summary:
      'check <file> [--json] [--offline]   check one statement (.txt, .html, .pdf or a .json submission)',
    load: async () => (await import('./check.ts')).checkCommand,
  },
  classify: {
    summary:
      'classify                            tag sentences: JSON lines {id, sentences} on stdin → {id, labels}',
    load: async () => (await import('./classify.ts')).classifyCommand,
  },
  export: {
    summary: 'export --file <f> [--aws|--endpoint <url>]  write every item of the register as JSON lines',
    load: async () => (await import('./backup.ts')).exportCommand,
  },
  import: {
    summary: 'import --file <f> [--aws|--endpoint <url>]  load an export into a (normally empty) register',
    load: async () => (await import('./backup.ts')).importCommand,
  },
  'import-gov': {
    summary: "import-gov <csv…> [--aws|--endpoint <url>]  import the government registry's yearly CSV files",
    load: async () => (await import('./import-gov.ts')).importGovCommand,
  },
  'dev-token': {
    summary:
      'dev-token --email <e> [--officer]   local development only: print a token from the local issuer',
    load: async () => (await import('./dev-token.ts')).devTokenCommand,
  },
};

function usage(io: Io) {
  io.stderr.write(
    `Usage: register <command>\n\n${Object.values(COMMANDS)
      .map((c) => `  register ${c.summary}`)
      .join('\n')}\n`,
  );
}

export async function main(
  argv: string[],
  io: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    usage(io);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`register: unknown command "${name}"\n`);
    usage(io);
    return 2;
  }
  return (await command.load())(args, io);
}
