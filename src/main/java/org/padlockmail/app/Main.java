package org.padlockmail.app;

import java.util.Locale;

import org.padlockmail.cli.PadlockCommand;
import org.padlockmail.mail.MailtoLink;
import org.padlockmail.ui.PadlockApplication;

/**
 * The launcher: the desktop app without arguments (or with a mailto: link or an .eml file, as the
 * desktop passes them), the command line with any other arguments.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || (args.length == 1 && opensInTheApp(args[0]))) {
            PadlockApplication.prepare();
            // Launching through a class that does not extend Application lets JavaFX run from the class path.
            javafx.application.Application.launch(PadlockApplication.class, args);
            return;
        }
        System.exit(PadlockCommand.run(args));
    }

    /** What the desktop hands over: a mailto: link (compose) or a saved message (the viewer). */
    static boolean opensInTheApp(String argument) {
        return MailtoLink.isMailto(argument) || argument.toLowerCase(Locale.ROOT).endsWith(".eml");
    }
}
