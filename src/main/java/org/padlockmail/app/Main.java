package org.padlockmail.app;

import org.padlockmail.cli.PadlockCommand;
import org.padlockmail.ui.PadlockApplication;

/** The launcher: the desktop app without arguments, the command line with them. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            // Launching through a class that does not extend Application lets JavaFX run from the class path.
            javafx.application.Application.launch(PadlockApplication.class);
            return;
        }
        System.exit(PadlockCommand.run(args));
    }
}
