package org.padlockmail.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code padlock-mail <subcommand>}. */
@Command(name = "padlock-mail", mixinStandardHelpOptions = true, version = "Padlock Mail 0.1",
        description = "Padlock Mail on the command line.",
        subcommands = {ProbeCommand.class})
public final class PadlockCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. probe");
    }

    public static int run(String... args) {
        return new CommandLine(new PadlockCommand()).execute(args);
    }
}
