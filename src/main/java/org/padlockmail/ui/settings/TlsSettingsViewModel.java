package org.padlockmail.ui.settings;

import java.util.List;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import org.padlockmail.mail.Account;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.TlsPolicy;

/**
 * Settings → Security of one account: the lowest TLS version, which cipher suites are allowed (the JVM's
 * suites, the policy's ticked; ticking a suite without AEAD or forward secrecy shows a warning), and the
 * second, explicit allowance for a password over a plaintext connection.
 */
public final class TlsSettingsViewModel {

    /** One cipher suite of this JVM and whether this account allows it. */
    public static final class Suite {
        private final String name;
        private final boolean strong;
        private final BooleanProperty allowed;

        Suite(String name, boolean allowed) {
            this.name = name;
            this.strong = TlsPolicy.isAeadWithForwardSecrecy(name);
            this.allowed = new SimpleBooleanProperty(this, "allowed", allowed);
        }

        public String name() {
            return name;
        }

        /** AEAD with forward secrecy, as the default policy demands. */
        public boolean strong() {
            return strong;
        }

        public BooleanProperty allowedProperty() {
            return allowed;
        }
    }

    private final Account account;
    private final List<Suite> suites;
    private final ObjectProperty<String> minimum;
    private final BooleanProperty plaintextPassword;
    private final BooleanBinding weakAllowed;
    private final BooleanBinding noneAllowed;

    /** @param supportedSuites what this JVM offers (the view takes them from the default SSLContext) */
    public TlsSettingsViewModel(Account account, List<String> supportedSuites) {
        this.account = account;
        List<String> allowedNow = account.tlsPolicy().cipherSuites();
        this.suites = supportedSuites.stream()
                .filter(name -> !name.endsWith("_SCSV")) // signalling values, not suites anyone chooses
                .map(name -> new Suite(name, allowedNow.contains(name))).toList();
        this.minimum = new SimpleObjectProperty<>(this, "minimum", account.minimumTlsVersion());
        this.plaintextPassword = new SimpleBooleanProperty(this, "plaintextPassword",
                account.imap().allowPlaintextPassword() || account.smtp().allowPlaintextPassword());
        ObservableBooleanValue[] ticks = suites.stream().map(Suite::allowedProperty).toArray(ObservableBooleanValue[]::new);
        this.weakAllowed = Bindings.createBooleanBinding(() -> suites.stream().anyMatch(s -> !s.strong() && s.allowed.get()), ticks);
        this.noneAllowed = Bindings.createBooleanBinding(() -> suites.stream().noneMatch(s -> s.allowed.get()), ticks);
    }

    public List<Suite> suites() {
        return suites;
    }

    public List<String> versions() {
        return List.of(TlsPolicy.TLS_1_2, TlsPolicy.TLS_1_3);
    }

    public ObjectProperty<String> minimumProperty() {
        return minimum;
    }

    public BooleanBinding weakAllowedBinding() {
        return weakAllowed;
    }

    public BooleanBinding noneAllowedBinding() {
        return noneAllowed;
    }

    /** The allowance only means something when a server of the account is reached without encryption. */
    public boolean plaintextApplicable() {
        return account.imap().security() == SecurityMode.PLAIN || account.smtp().security() == SecurityMode.PLAIN;
    }

    public BooleanProperty plaintextPasswordProperty() {
        return plaintextPassword;
    }

    public Account account() {
        return account;
    }

    /** The account as the user left the settings; the policy's own suites are stored as "the policy's". */
    public Account apply() {
        if (noneAllowed.get()) {
            throw new IllegalStateException("at least one cipher suite must be allowed");
        }
        List<String> ticked = suites.stream().filter(s -> s.allowed.get()).map(Suite::name).toList();
        List<String> policy = TlsPolicy.defaults().cipherSuites().stream()
                .filter(name -> suites.stream().anyMatch(s -> s.name().equals(name))).toList();
        boolean allowance = plaintextPassword.get();
        return account.withTls(minimum.get(), Set.copyOf(ticked).equals(Set.copyOf(policy)) ? List.of() : ticked)
                .withPlaintextPasswordAllowed(allowance && account.imap().security() == SecurityMode.PLAIN,
                        allowance && account.smtp().security() == SecurityMode.PLAIN);
    }
}
